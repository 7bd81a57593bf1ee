import type { ReaderOutput, SourceOutput } from '../../../api/connector/source';
import type { WatermarkGenerator, WatermarkOutput, WatermarkStrategy } from '../../../api/watermark-strategy';
import type { Output } from '../../operators/operator';
import { BoundedOutOfOrdernessGenerator, type TimestampsConfig } from '../../operators/timestamps-and-watermarks-operator';
import { NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, type TimestampRegister } from '../../operators/record-timestamp';
import { SluiceError } from '../../../common/errors';
import { freshMethod } from '../../operators/fresh-method';

// A module-local copy: the CommonJS build reads imported bindings through getters (per record here).
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;
const NO_WATERMARK = -Number.MAX_SAFE_INTEGER;

/**
 * One split's (or the reader's own) output: its records' timestamps, its watermark, its
 * idleness. The per-record methods here and in SourceReaderOutput run as per-instance copies
 * (freshMethod: the job's timestamp assigner and chain stay inlined job after job), so their
 * bodies use only `this`, their parameters and globals.
 */
class SplitOutput implements SourceOutput<unknown>, WatermarkOutput {
  watermark = NO_WATERMARK;
  idle = false;

  constructor(
    private readonly owner: SourceReaderOutput,
    private readonly generator: WatermarkGenerator<unknown> | undefined,
  ) {
    this.collect = freshMethod(SplitOutput.prototype.collect, __filename);
  }

  collect(record: unknown, timestamp?: number): void {
    const owner = this.owner;
    const ts = owner.timestampOf(record, timestamp);
    if (this.idle) this.markActive();
    owner.emit(record, ts);
    if (this.generator !== undefined) this.generator.onEvent(record, ts, this);
  }

  onPeriodicEmit(): void {
    if (!this.idle) this.generator?.onPeriodicEmit(this);
  }

  emitWatermark(timestamp: number): void {
    if (timestamp > this.watermark) this.watermark = timestamp;
  }

  markIdle(): void {
    this.idle = true;
  }

  markActive(): void {
    this.idle = false;
  }
}

/**
 * What a SourceReader emits through (Flink's SourceOutputWithWatermarks behind ReaderOutput):
 * records go to the task's chain with their timestamps in the chain's register; with a
 * watermark strategy, each split has its own generator and the reader's watermark is the
 * minimum over its active splits, emitted every auto-watermark interval when it advances.
 * A reader that marks itself idle (no split), or whose splits are all idle, is idle
 * downstream: its watermark stops holding back event time there.
 */
export class SourceReaderOutput implements ReaderOutput<unknown> {
  private readonly splits = new Map<string, SplitOutput>();
  /** Records collected on the reader output itself rather than on a split's. */
  private readonly own: SplitOutput;
  private readonly assigner: ((event: unknown, previous: number | null) => number) | undefined;
  private readonly makeGenerator: (() => WatermarkGenerator<unknown>) | undefined;
  private readerIdle = false;
  private emittedIdle = false;
  private lastWatermark = NO_WATERMARK;
  private ended = false;
  /** NO_TIMESTAMP, as a field: the per-instance copies of timestampOf cannot see module bindings. */
  private readonly noTimestamp = NO_TIMESTAMP;

  constructor(
    private readonly head: Output,
    private readonly register: TimestampRegister,
    config: TimestampsConfig | undefined,
    strategy: WatermarkStrategy<unknown> | undefined,
  ) {
    this.timestampOf = freshMethod(SourceReaderOutput.prototype.timestampOf, __filename);
    this.emit = freshMethod(SourceReaderOutput.prototype.emit, __filename);
    this.assigner = strategy?.timestampAssigner;
    if (config && strategy) {
      if (config.kind === 'bounded-out-of-orderness') this.makeGenerator = () => new BoundedOutOfOrdernessGenerator(config.outOfOrdernessMs);
      else if (config.kind === 'custom') this.makeGenerator = () => strategy.generatorFactory!();
    }
    this.own = new SplitOutput(this, this.makeGenerator?.());
  }

  /** Whether watermarks are generated (the task then runs `emitPeriodicWatermark` on a timer). */
  get generatesWatermarks(): boolean {
    return this.makeGenerator !== undefined;
  }

  collect(record: unknown, timestamp?: number): void {
    this.own.collect(record, timestamp);
  }

  createOutputForSplit(splitId: string): SourceOutput<unknown> {
    let out = this.splits.get(splitId);
    if (!out) this.splits.set(splitId, (out = new SplitOutput(this, this.makeGenerator?.())));
    return out;
  }

  releaseOutputForSplit(splitId: string): void {
    this.splits.delete(splitId);
  }

  markIdle(): void {
    this.readerIdle = true;
    this.updateIdleness();
  }

  markActive(): void {
    this.readerIdle = false;
    this.updateIdleness();
  }

  /** @internal the record's event time: the assigner's, else the reader's, else none. */
  timestampOf(record: unknown, timestamp: number | undefined): number {
    const assigner = this.assigner;
    if (assigner === undefined) return timestamp === undefined ? this.noTimestamp : timestamp;
    const ts = assigner(record, timestamp === undefined ? null : timestamp);
    if (typeof ts !== 'number' || Number.isNaN(ts)) this.invalidTimestamp(ts);
    return ts;
  }

  private invalidTimestamp(ts: unknown): never {
    throw new SluiceError('INVALID_ARGUMENT', `The timestamp assigner returned ${String(ts)}: it must return a number (ms)`, { domain: 'user' });
  }

  /** @internal hands one record to the chain. */
  emit(record: unknown, timestamp: number): void {
    if (this.emittedIdle && !this.readerIdle) this.setIdle(false);
    this.register.value = timestamp;
    this.head.collect(record);
  }

  /** Every auto-watermark interval: the minimum over active splits, when it advanced. */
  emitPeriodicWatermark(): void {
    if (this.ended || !this.makeGenerator) return;
    this.own.onPeriodicEmit();
    for (const s of this.splits.values()) s.onPeriodicEmit();
    this.updateIdleness();
    if (this.emittedIdle) return;
    let min = Number.MAX_SAFE_INTEGER;
    let any = false;
    for (const s of this.splits.values()) {
      if (s.idle) continue;
      any = true;
      if (s.watermark < min) min = s.watermark;
    }
    if (this.own.watermark !== NO_WATERMARK) {
      any = true;
      if (this.own.watermark < min) min = this.own.watermark;
    }
    if (!any || min === NO_WATERMARK || min <= this.lastWatermark) return;
    this.lastWatermark = min;
    this.head.emitWatermark(min);
  }

  /** End of input: the end of event time goes downstream once. */
  end(finalWatermark: number): void {
    if (this.ended) return;
    this.ended = true;
    if (this.emittedIdle) this.setIdle(false);
    this.head.emitWatermark(finalWatermark);
  }

  private updateIdleness(): void {
    let idle = this.readerIdle;
    if (!idle && this.splits.size > 0 && this.makeGenerator) {
      idle = true;
      for (const s of this.splits.values()) if (!s.idle) idle = false;
    }
    if (idle !== this.emittedIdle) this.setIdle(idle);
  }

  private setIdle(idle: boolean): void {
    this.emittedIdle = idle;
    this.head.emitWatermarkStatus?.(idle);
  }
}
