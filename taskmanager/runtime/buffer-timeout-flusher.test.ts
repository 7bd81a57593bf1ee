import { afterEach, describe, expect, it } from 'vitest';
import { BufferTimeoutFlusher } from './buffer-timeout-flusher';
import { ManualProcessingTimeService } from './timer-service-manual-time';
import { RecordWriter, RECORDS_PER_BUFFER } from './record-writer';
import { newTaskIoMetrics } from './task-metrics';
import { channelKey, type ChannelMessage } from '../network/channel-types';
import { type EnvPair, createPair, readAll } from '../network/network-test-support';

/** A record writer on real local channels whose buffer timeout is driven by a manual clock. */
async function setUp(pair: EnvPair, channels: number, timeoutMs: number) {
  const clock = new ManualProcessingTimeService(1_000);
  const inputs = [];
  const outputs = [];
  for (let c = 0; c < channels; c++) {
    const key = channelKey('job', 1, 'e', 0, c);
    inputs.push(pair.consumer.createInputChannel(key));
    outputs.push(pair.producer.createOutputChannel(key, pair.location));
  }
  let next = 0;
  const writer = new RecordWriter(outputs, { select: () => next++ % channels }, false, newTaskIoMetrics());
  const flushedAt: number[] = [];
  const flusher = new BufferTimeoutFlusher(timeoutMs, clock, () => {
    flushedAt.push(clock.now());
    writer.flushAll();
  });
  let armings = 0;
  writer.onBuffered = () => {
    armings++;
    flusher.arm();
  };
  const received = inputs.map((input) => readAll(input));
  const finish = async (): Promise<ChannelMessage[][]> => {
    writer.broadcastEvent({ type: 'end-of-partition' });
    return Promise.all(received);
  };
  return { clock, writer, flusher, flushedAt, armings: () => armings, finish };
}

const records = (messages: ChannelMessage[]) => messages.map((m) => (m.kind === 'records' ? m.records : m.kind));

describe('buffer timeout flusher', () => {
  let pair: EnvPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('never wakes while nothing is buffered; arms on the first record and flushes once at its deadline', async () => {
    pair = await createPair('local');
    const t = await setUp(pair, 1, 10);
    t.clock.advanceBy(1_000);
    expect(t.flushedAt).toEqual([]);
    expect(t.clock.pending).toBe(0); // no timer at all while idle
    t.writer.collect('a'); // t = 2000: deadline 2010
    t.clock.advanceBy(5);
    t.writer.collect('b'); // joins the armed cycle, no second timer
    expect(t.clock.pending).toBe(1);
    t.clock.advanceBy(4);
    expect(t.writer.bufferedRecords).toBe(2);
    t.clock.advanceBy(1);
    expect(t.flushedAt).toEqual([2_010]);
    expect(t.writer.bufferedRecords).toBe(0);
    expect(t.clock.pending).toBe(0);
    t.clock.advanceBy(50);
    t.writer.collect('c'); // t = 2060: its own deadline, 2070
    t.clock.advanceBy(9);
    expect(t.flushedAt).toEqual([2_010]);
    t.clock.advanceBy(1);
    expect(t.flushedAt).toEqual([2_010, 2_070]);
    expect(records((await t.finish())[0])).toEqual([['a', 'b'], ['c'], 'event']);
  });

  it('a turn ending past the deadline flushes without the late timer, which then does not flush again', async () => {
    pair = await createPair('local');
    const t = await setUp(pair, 1, 10);
    // Registered before the flusher's timer, so it runs first at the deadline: a turn that
    // ends while the timer's wakeup is still to come.
    t.clock.schedule(1_010, () => t.flusher.flushIfDue());
    t.clock.schedule(1_005, () => t.flusher.flushIfDue()); // before the deadline: nothing
    t.writer.collect('a');
    t.clock.advanceBy(5);
    expect(t.flushedAt).toEqual([]);
    t.clock.advanceBy(100);
    expect(t.flushedAt).toEqual([1_010]);
    expect(t.flusher.armed).toBe(false);
    expect(records((await t.finish())[0])).toEqual([['a'], 'event']);
  });

  it('full buffers go at once; the armed deadline stays the oldest buffered record`s', async () => {
    pair = await createPair('local');
    const t = await setUp(pair, 2, 10);
    t.writer.collect(0); // channel 0, deadline 1010
    t.clock.advanceBy(3);
    for (let i = 1; i < 2 * RECORDS_PER_BUFFER; i++) t.writer.collect(i); // channel 1 fills and goes; channel 0 fills and goes
    expect(t.writer.bufferedRecords).toBe(0);
    t.clock.advanceBy(2);
    t.writer.collect('late'); // buffered again, but the cycle armed at 1000 still stands
    expect(t.armings()).toBe(2);
    expect(t.clock.pending).toBe(1);
    t.clock.advanceBy(5);
    expect(t.flushedAt).toEqual([1_010]);
    const [zero, one] = await t.finish();
    expect(zero.map((m) => (m.kind === 'records' ? m.records.length : m.kind))).toEqual([RECORDS_PER_BUFFER, 1, 'event']);
    expect(one.map((m) => (m.kind === 'records' ? m.records.length : m.kind))).toEqual([RECORDS_PER_BUFFER, 'event']);
  });

  it('the writer reports buffering only when its outputs go from empty to non-empty', async () => {
    pair = await createPair('local');
    const t = await setUp(pair, 2, 10);
    t.writer.collect(1);
    t.writer.collect(2); // other channel, outputs already non-empty
    expect(t.armings()).toBe(1);
    t.writer.flushAll();
    t.writer.collect(3);
    expect(t.armings()).toBe(2);
    t.writer.broadcastEvent({ type: 'watermark', timestamp: 5 }); // flushes first
    expect(t.writer.bufferedRecords).toBe(0);
    t.writer.collect(4);
    expect(t.armings()).toBe(3);
    await t.finish();
  });
});
