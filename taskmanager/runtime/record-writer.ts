import type { Output } from '../operators/operator';
import type { OutputChannel, ChannelEvent } from '../network/channel-types';
import type { ChannelSelector } from './partitioners';
import { encodeTimestampedBatch } from '../../common/record-codec';
import type { TaskIoMetrics } from './task-metrics';
import { NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, TimestampRegister } from '../operators/record-timestamp';

// A module-local copy: the CommonJS build reads imported bindings through getters (per record here).
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;

const NOTHING = (): void => {};

/** Records per network buffer before it is flushed without waiting for the timeout. */
export const RECORDS_PER_BUFFER = 1024;

/**
 * The end of a chain for one output edge: partitions records to channels, batches them into
 * buffers (one codec call per buffer), and flushes a buffer when full, or all of them when
 * the task's buffer timeout expires (it arms that on onBuffered). Records go by reference on
 * channels inside the same worker thread.
 */
export class RecordWriter implements Output {
  private readonly pending: unknown[][];
  /** Per channel, the timestamp column of the pending batch; created only when a record has one. */
  private readonly pendingTimestamps: Array<number[] | undefined>;
  private readonly broadcast: boolean;
  /** The chain's record-timestamp register (set by the task; see operators/record-timestamp). */
  timestamps = new TimestampRegister();
  /** Called when a record is buffered while none was (the task arms its buffer timeout). */
  onBuffered: () => void = NOTHING;
  /** Records buffered and not yet flushed, over all channels. */
  private buffered = 0;

  constructor(
    private readonly channels: OutputChannel[],
    private readonly selector: ChannelSelector,
    broadcast: boolean,
    private readonly metrics: TaskIoMetrics,
  ) {
    this.broadcast = broadcast;
    this.pending = channels.map(() => []);
    this.pendingTimestamps = channels.map(() => undefined);
  }

  collect(record: unknown): void {
    if (this.broadcast) {
      for (let c = 0; c < this.pending.length; c++) this.add(c, record);
    } else {
      this.add(this.selector.select(record), record);
    }
  }

  /** Watermarks go to every channel, after the records before them. */
  emitWatermark(timestamp: number): void {
    this.broadcastEvent({ type: 'watermark', timestamp });
  }

  emitWatermarkStatus(idle: boolean): void {
    this.broadcastEvent({ type: 'watermark-status', idle });
  }

  /** Sends every non-empty pending buffer (buffer timeout, barriers, end of input). */
  flushAll(): void {
    for (let c = 0; c < this.pending.length; c++) if (this.pending[c].length > 0) this.flush(c);
  }

  /** Flushes pending records, then sends the event on every channel, in order. */
  broadcastEvent(event: ChannelEvent): void {
    this.flushAll();
    for (const ch of this.channels) ch.send({ kind: 'event', event });
  }

  isWritable(): boolean {
    for (let c = 0; c < this.channels.length; c++) if (!this.channels[c].isWritable()) return false;
    return true;
  }

  get backlog(): number {
    let n = 0;
    for (const ch of this.channels) n += ch.backlog;
    return n;
  }

  onWritable(listener: () => void): void {
    for (const ch of this.channels) ch.onWritable(listener);
  }

  onError(listener: (err: Error) => void): void {
    for (const ch of this.channels) ch.onError(listener);
  }

  close(): void {
    for (const ch of this.channels) ch.close();
  }

  get bufferedRecords(): number {
    return this.buffered;
  }

  private add(c: number, record: unknown): void {
    const buf = this.pending[c];
    buf.push(record);
    if (this.buffered++ === 0) this.onBuffered();
    const ts = this.timestamps.value;
    if (ts !== NO_TIMESTAMP || this.pendingTimestamps[c] !== undefined) this.addTimestamp(c, ts, buf.length);
    if (buf.length >= RECORDS_PER_BUFFER) this.flush(c);
  }

  /** Appends to the channel's timestamp column, back-filling records that had none. */
  private addTimestamp(c: number, ts: number, length: number): void {
    let column = this.pendingTimestamps[c];
    if (column === undefined) this.pendingTimestamps[c] = column = new Array<number>(length - 1).fill(NO_TIMESTAMP);
    column.push(ts);
  }

  private flush(c: number): void {
    const records = this.pending[c];
    this.pending[c] = [];
    const timestamps = this.pendingTimestamps[c];
    this.pendingTimestamps[c] = undefined;
    this.buffered -= records.length;
    this.metrics.recordsOut += records.length;
    const channel = this.channels[c];
    if (channel.isLocal) {
      channel.send(timestamps === undefined ? { kind: 'records', records } : { kind: 'records', records, timestamps });
    } else {
      const data = encodeTimestampedBatch(records, timestamps);
      this.metrics.bytesOut += data.byteLength;
      channel.send({ kind: 'buffer', data, records: records.length });
    }
  }
}
