import { describe, it, expect } from 'vitest';
import { OperatorHarness, roundTrip } from '../test-support/operator-harness';
import { fixedWindows, sessionWindows, generateEvents, outOfOrder, type Event } from '../test-support/window-reference';
import type { StreamExecutionEnvironment } from '../../../api/environment';
import type { WindowedStream } from '../../../api/windowed-stream';
import type { DataStream } from '../../../api/data-stream';
import { WatermarkStrategy } from '../../../api/watermark-strategy';
import { OutputTag } from '../../../api/output-tag';
import { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from '../../../api/windowing/tumbling-windows';
import { SlidingEventTimeWindows } from '../../../api/windowing/sliding-windows';
import { EventTimeSessionWindows } from '../../../api/windowing/session-windows';
import type { WindowAssigner } from '../../../api/windowing/window-assigner';
import { MAX_WATERMARK } from '../../../common/event-time';
import type { KeyedStateSnapshot } from '../../state/keyed-state-backend';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../../common/key-groups';

type Win = WindowedStream<Event, string>;
const LATE = new OutputTag<Event>('late');

/** The window operator of `events.keyBy(key).window(assigner)` + whatever `finish` adds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function windowHarness(assigner: WindowAssigner, finish: (w: Win) => DataStream<any>, opts: { parallelism?: number; subtask?: number; keyed?: KeyedStateSnapshot[] } = {}) {
  const build = (env: StreamExecutionEnvironment) => {
    const w = env
      .fromElements<Event>()
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner((e) => e[1]))
      .keyBy((e) => e[0])
      .window(assigner);
    finish(w).print();
  };
  return OperatorHarness.fromJob(build, 'window', opts).open();
}

/** Feeds events with watermarks trailing the max timestamp by `bound` (as forBoundedOutOfOrderness). */
function feed(h: OperatorHarness, events: readonly Event[], bound: number, every = 10): void {
  let max = -Infinity;
  events.forEach((e, i) => {
    h.element(e, e[1]);
    max = Math.max(max, e[1]);
    if (i % every === every - 1) h.watermark(max - bound - 1);
  });
}

const windowProcess = (key: string, ctx: { window: { start: number; end: number } }, elements: readonly Event[], out: { collect(r: unknown): void }) =>
  out.collect([`${key}|${ctx.window.start}|${ctx.window.end}`, elements.map((e) => e[2]).sort((a, b) => a - b)]);

const summed = (ref: Map<string, number[]>) => new Map([...ref].map(([id, vs]) => [id, vs.reduce((a, b) => a + b, 0)]));

describe('window operator vs a batch reference', () => {
  const events = generateEvents(3000, 7, 20_000);
  const shuffled = outOfOrder(events, 400);

  it('tumbling windows, sum, out-of-order input: every window once, with end-1 timestamps', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(1000), (w) => w.sum(2));
    feed(h, shuffled, 500);
    h.watermark(MAX_WATERMARK);
    const got = new Map<string, number>();
    for (const r of h.out.records) {
      const [k, ts, v] = r.value as Event;
      const start = ts - (ts % 1000);
      const id = `${k}|${start}|${start + 1000}`;
      expect(got.has(id)).toBe(false);
      got.set(id, v);
      expect(r.timestamp).toBe(start + 999);
    }
    expect(got).toEqual(summed(fixedWindows(events, 1000)));
    expect(h.out.watermarks.at(-1)).toBe(MAX_WATERMARK);
  });

  it('sliding windows, process function with ctx.window, out-of-order input', async () => {
    const h = await windowHarness(SlidingEventTimeWindows.of(2000, 500), (w) => w.process(windowProcess));
    feed(h, shuffled, 500);
    await h.endInput();
    h.watermark(MAX_WATERMARK);
    const expected = new Map([...fixedWindows(events, 2000, 500)].map(([id, vs]) => [id, vs.sort((a, b) => a - b)]));
    expect(new Map(h.out.values() as Array<[string, number[]]>)).toEqual(expected);
  });

  it('session windows merge out-of-order elements exactly like the batch sessions', async () => {
    const sparse = generateEvents(800, 5, 200_000, 3);
    const h = await windowHarness(EventTimeSessionWindows.withGap(700), (w) => w.process(windowProcess));
    feed(h, outOfOrder(sparse, 2000, 5), 2000);
    h.watermark(MAX_WATERMARK);
    const expected = new Map([...sessionWindows(sparse, 700)].map(([id, vs]) => [id, vs.sort((a, b) => a - b)]));
    expect(new Map(h.out.values() as Array<[string, number[]]>)).toEqual(expected);
    expect(h.stateSize).toBe(0); // contents, session set and timers all released
  });

  it('session windows with aggregate (merging accumulators)', async () => {
    const sparse = generateEvents(500, 3, 100_000, 9);
    const h = await windowHarness(EventTimeSessionWindows.withGap(500), (w) =>
      w.aggregate(
        { createAccumulator: () => 0, add: (e: Event, acc: number) => acc + e[2], getResult: (acc: number) => acc, merge: (a: number, b: number) => a + b },
        (key: string, ctx, sums: readonly number[], out) => out.collect([`${key}|${ctx.window.start}|${ctx.window.end}`, sums[0]]),
      ),
    );
    feed(h, outOfOrder(sparse, 1500, 2), 1500);
    h.watermark(MAX_WATERMARK);
    expect(new Map(h.out.values() as Array<[string, number]>)).toEqual(summed(sessionWindows(sparse, 500)));
  });

  it('reduce with a process function sees the single result and the window', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(100), (w) =>
      w.reduce(
        (a, b) => [a[0], a[1], a[2] + b[2]] as Event,
        (key: string, ctx, reduced: readonly Event[], out) => out.collect({ key, start: ctx.window.start, end: ctx.window.end, sum: reduced[0][2], n: reduced.length }),
      ),
    );
    h.element(['a', 10, 1], 10);
    h.element(['a', 50, 2], 50);
    h.element(['a', 150, 4], 150);
    h.watermark(99);
    expect(h.out.values()).toEqual([{ key: 'a', start: 0, end: 100, sum: 3, n: 1 }]);
  });
});

describe('window operator: lateness, memory, counts, processing time', () => {
  it('allowed lateness re-fires with the late element; later ones go to the side output; the final results equal the reference', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(100), (w) => w.allowedLateness(50).sideOutputLateData(LATE).sum(2));
    h.element(['a', 10, 1], 10);
    h.element(['a', 20, 2], 20);
    h.watermark(100); // fires [0, 100): 3
    h.element(['a', 30, 4], 30); // late, within lateness: fires again with 7
    h.watermark(149); // cleanup at 99 + 50 = 149: the window is gone
    h.element(['a', 40, 8], 40); // beyond lateness: side output
    h.watermark(MAX_WATERMARK);
    expect(h.out.values()).toEqual([['a', 10, 3], ['a', 10, 7]]);
    expect(h.out.sideValues('late')).toEqual([['a', 40, 8]]);
    expect(h.out.side.get('late')![0].timestamp).toBe(40);
    expect(h.stateSize).toBe(0);
  });

  it('late data without a side output is dropped and counted, never silently', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(100), (w) => w.sum(2));
    h.watermark(500);
    h.element(['a', 10, 1], 10);
    expect(h.out.records).toEqual([]);
    expect((h.operator as unknown as { lateDropped: number }).lateDropped).toBe(1);
  });

  it('releases the memory of expired windows (contents, timers) as event time passes', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(10), (w) => w.sum(2));
    for (let t = 0; t < 10_000; t++) {
      h.element([`k${t % 50}`, t, 1], t);
      if (t % 100 === 99) h.watermark(t - 20);
    }
    // only the windows not yet passed by the watermark are held: a few per key, not 1000
    expect((h.operator as unknown as { windowCount: number }).windowCount).toBeLessThanOrEqual(150);
    h.watermark(MAX_WATERMARK);
    expect(h.out.records).toHaveLength(10_000); // one element per key and 10 ms window
    expect(h.stateSize).toBe(0);
  });

  it('countWindow(n) fires every n elements per key; countWindow(size, slide) evicts to the last size', async () => {
    const build = (slide?: number) => (env: StreamExecutionEnvironment) =>
      env
        .fromElements<Event>()
        .keyBy((e) => e[0])
        .countWindow(3, slide)
        .process((key: string, _ctx, els: readonly Event[], out) => out.collect([key, els.map((e) => e[2])]))
        .print();
    const t = await OperatorHarness.fromJob(build(), 'window').open();
    for (let i = 1; i <= 8; i++) t.element([i % 2 ? 'odd' : 'even', 0, i]);
    t.watermark(MAX_WATERMARK);
    await t.endInput();
    expect(t.out.values()).toEqual([['odd', [1, 3, 5]], ['even', [2, 4, 6]]]); // partial windows do not fire (Flink)
    const s = await OperatorHarness.fromJob(build(2), 'window').open();
    for (let i = 1; i <= 6; i++) s.element(['k', 0, i]);
    expect(s.out.values()).toEqual([['k', [1, 2]], ['k', [2, 3, 4]], ['k', [4, 5, 6]]]);
  });

  it('processing-time windows fire on the clock, and at end of input', async () => {
    const h = await windowHarness(TumblingProcessingTimeWindows.of(1000), (w) => w.sum(2));
    h.advanceTimeTo(100);
    h.element(['a', 0, 1]);
    h.element(['b', 0, 2]);
    h.advanceTimeTo(900);
    h.element(['a', 0, 3]);
    h.advanceTimeTo(1000); // window [0, 1000) ends at 999
    expect(h.out.records.map((r) => [r.value, r.timestamp])).toEqual([[['a', 0, 4], 999], [['b', 0, 2], 999]]);
    h.element(['a', 0, 5]);
    await h.endInput();
    expect(h.out.values().at(-1)).toEqual(['a', 0, 5]);
    expect(h.stateSize).toBe(0);
  });

  it('windowAll: one window over all keys', async () => {
    const h = await OperatorHarness.fromJob(
      (env) =>
        env
          .fromElements<Event>()
          .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner((e) => e[1]))
          .windowAll(TumblingEventTimeWindows.of(100))
          .process((ctx, els: readonly Event[], out) => out.collect([ctx.window.start, els.length]))
          .print(),
      'window',
    ).open();
    h.element(['a', 1, 1], 1);
    h.element(['b', 2, 1], 2);
    h.element(['c', 101, 1], 101);
    h.watermark(MAX_WATERMARK);
    expect(h.out.values()).toEqual([[0, 2], [100, 1]]);
  });

  it('event-time windows refuse records without a timestamp', async () => {
    const h = await windowHarness(TumblingEventTimeWindows.of(100), (w) => w.sum(2));
    expect(() => h.element(['a', 1, 1])).toThrow(/no timestamp.*assignTimestampsAndWatermarks/);
  });
});

describe('window state in checkpoints', () => {
  it('a snapshot mid-stream restored at parallelism 3 finishes with exactly the uninterrupted results', async () => {
    const events = generateEvents(2000, 9, 10_000, 21);
    const input = outOfOrder(events, 300, 4);
    const half = input.slice(0, 1000);
    const rest = input.slice(1000);
    const assigner = () => SlidingEventTimeWindows.of(1000, 250);
    const finish = (w: Win) => w.allowedLateness(100).process(windowProcess);

    const first = await windowHarness(assigner(), finish);
    feed(first, half, 300);
    const lastWatermark = first.out.watermarks.at(-1)!;
    const snapshot = roundTrip(first.snapshot().keyed!);
    const before = first.out.values() as Array<[string, number[]]>;

    const after: Array<[string, number[]]> = [];
    for (let sub = 0; sub < 3; sub++) {
      const h = await windowHarness(assigner(), finish, { parallelism: 3, subtask: sub, keyed: [snapshot] });
      h.watermark(lastWatermark);
      const mine = rest.filter((e) => operatorIndexForKeyGroup(128, 3, keyGroupForKey(e[0], 128)) === sub);
      feed(h, mine, 300);
      h.watermark(MAX_WATERMARK);
      after.push(...(h.out.values() as Array<[string, number[]]>));
      expect(h.stateSize).toBe(0);
    }
    // With lateness a window may fire more than once: the last firing is the final result.
    const final = new Map<string, number[]>();
    for (const [id, vs] of [...before, ...after]) final.set(id, vs);
    const expected = new Map([...fixedWindows(events, 1000, 250)].map(([id, vs]) => [id, vs.sort((a, b) => a - b)]));
    expect(final).toEqual(expected);
  });
});
