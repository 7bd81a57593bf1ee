import { describe, it, expect } from 'vitest';
import { OperatorHarness, roundTrip } from '../test-support/operator-harness';
import { fixedWindows, generateEvents, outOfOrder, type Event } from '../test-support/window-reference';
import type { StreamExecutionEnvironment } from '../../../api/environment';
import type { AggregateFunction } from '../../../api/state';
import { WatermarkStrategy } from '../../../api/watermark-strategy';
import { OutputTag } from '../../../api/output-tag';
import { SlidingEventTimeWindows } from '../../../api/windowing/sliding-windows';
import { MAX_WATERMARK } from '../../../common/event-time';
import type { KeyedStateSnapshot } from '../../state/keyed-state-backend';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../../common/key-groups';
import { PANES_TABLE } from './sliding-panes';
import { decodeValue } from '../../../common/record-codec';

const LATE = new OutputTag<Event>('late');
/** Sum of the values; with merge, the operator may compute its sliding windows from panes. */
const sum = (withMerge: boolean): AggregateFunction<Event, number, number> => ({
  createAccumulator: () => 0,
  add: (e, acc) => acc + e[2],
  getResult: (acc) => acc,
  ...(withMerge ? { merge: (a: number, b: number) => a + b } : {}),
});

/** keyBy(key).window(sliding size/slide).aggregate(sum, window function) emitting [key|start|end, sum]. */
async function harness(withMerge: boolean, size: number, slide: number, opts: { parallelism?: number; subtask?: number; keyed?: KeyedStateSnapshot[] } = {}) {
  const build = (env: StreamExecutionEnvironment) => {
    const main = env
      .fromElements<Event>()
      .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps<Event>().withTimestampAssigner((e) => e[1]))
      .keyBy((e) => e[0])
      .window(SlidingEventTimeWindows.of(size, slide))
      .sideOutputLateData(LATE)
      .aggregate(sum(withMerge), (key: string, ctx, [total]: readonly number[], out) => out.collect([`${key}|${ctx.window.start}|${ctx.window.end}`, total]));
    main.print();
    main.getSideOutput(LATE).print();
  };
  return OperatorHarness.fromJob(build, 'window', opts).open();
}

function feed(h: OperatorHarness, events: readonly Event[], bound: number, every = 10): void {
  let max = -Infinity;
  events.forEach((e, i) => {
    h.element(e, e[1]);
    max = Math.max(max, e[1]);
    if (i % every === every - 1) h.watermark(max - bound - 1);
  });
}

const panesHeld = (h: OperatorHarness) => (h.snapshot().keyed?.keyGroups ?? []).some(([, states]) => PANES_TABLE in states);
const results = (h: OperatorHarness) => new Map(h.out.values() as Array<[string, number]>);
const summed = (ref: Map<string, number[]>) => new Map([...ref].map(([id, vs]) => [id, vs.reduce((a, b) => a + b, 0)]));

describe('sliding windows from panes', () => {
  const events = generateEvents(3000, 7, 20_000);
  const shuffled = outOfOrder(events, 400);

  it('equal the batch reference and the per-window path: every window once, at end - 1, state released', async () => {
    const panes = await harness(true, 1000, 250);
    const windows = await harness(false, 1000, 250);
    for (const h of [panes, windows]) {
      feed(h, shuffled, 500);
      if (h === panes) expect(panesHeld(h)).toBe(true);
      else expect(panesHeld(h)).toBe(false);
      h.watermark(MAX_WATERMARK);
      const ids = h.out.records.map((r) => (r.value as [string, number])[0]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const r of h.out.records) expect(r.timestamp).toBe(Number((r.value as [string])[0].split('|')[2]) - 1);
      expect(h.stateSize).toBe(0);
    }
    expect(results(panes)).toEqual(summed(fixedWindows(events, 1000, 250)));
    expect(results(panes)).toEqual(results(windows));
  });

  it('a window fires once the watermark passes its end, with only the panes it holds', async () => {
    const h = await harness(true, 30, 10);
    h.element(['a', 5, 1], 5); // windows [-20,10) [-10,20) [0,30)
    h.element(['a', 25, 2], 25); // windows [0,30) [10,40) [20,50)
    h.watermark(9);
    expect(h.out.values()).toEqual([['a|-20|10', 1]]);
    h.watermark(29);
    expect(h.out.values().slice(1)).toEqual([['a|-10|20', 1], ['a|0|30', 3]]);
    h.watermark(MAX_WATERMARK);
    expect(h.out.values().slice(3)).toEqual([['a|10|40', 2], ['a|20|50', 2]]);
    expect(h.stateSize).toBe(0);
  });

  it('snapshots hold each key\'s panes as [start, accumulator] entries by start (the form savepoints have)', async () => {
    const h = await harness(true, 30, 10);
    h.element(['a', 25, 2], 25);
    h.element(['a', 5, 1], 5);
    h.element(['a', 7, 4], 7);
    const entries = (h.snapshot().keyed?.keyGroups ?? []).flatMap(([, states]) => (states[PANES_TABLE] ?? []) as Array<[unknown, unknown]>);
    expect(entries).toEqual([['a', [[0, 5], [20, 2]]]]);
    // Checkpoints write the panes straight from the arrays: the same snapshot.
    expect(decodeValue(h.keyedBackend!.encodeSnapshot())).toEqual(roundTrip(h.snapshot().keyed));
  });

  it('late elements: counted only in windows still open; to the side output when every window fired', async () => {
    const h = await harness(true, 30, 10);
    h.element(['a', 25, 1], 25);
    h.watermark(29); // [0,30) fired; [10,40) and [20,50) open
    h.element(['a', 12, 10], 12); // in [-10,20) and [0,30), fired, and in [10,40), open
    h.element(['a', 3, 100], 3); // every window of 3 has fired
    h.watermark(MAX_WATERMARK);
    expect(h.out.values()).toEqual([['a|0|30', 1], ['a|10|40', 11], ['a|20|50', 1]]);
    expect(h.out.sideValues('late')).toEqual([['a', 3, 100]]);
  });

  it('a snapshot mid-stream restored at parallelism 3 finishes with exactly the uninterrupted results', async () => {
    const input = outOfOrder(generateEvents(2000, 9, 10_000, 21), 300, 4);
    const first = await harness(true, 1000, 250);
    feed(first, input.slice(0, 1000), 300);
    const lastWatermark = first.out.watermarks.at(-1)!;
    const snapshot = roundTrip(first.snapshot().keyed!);
    const all = new Map(results(first));
    for (let sub = 0; sub < 3; sub++) {
      const h = await harness(true, 1000, 250, { parallelism: 3, subtask: sub, keyed: [snapshot] });
      h.watermark(lastWatermark);
      feed(h, input.slice(1000).filter((e) => operatorIndexForKeyGroup(128, 3, keyGroupForKey(e[0], 128)) === sub), 300);
      h.watermark(MAX_WATERMARK);
      for (const [id, v] of results(h)) all.set(id, v);
      expect(h.stateSize).toBe(0);
    }
    const reference = await harness(true, 1000, 250);
    feed(reference, input, 300);
    reference.watermark(MAX_WATERMARK);
    expect(all).toEqual(results(reference));
  });

  it('state saved per window (a function without merge) is restored per window, not read as panes', async () => {
    const input = outOfOrder(generateEvents(1000, 5, 5_000, 3), 200, 4);
    const first = await harness(false, 1000, 250);
    feed(first, input.slice(0, 500), 200);
    const snapshot = roundTrip(first.snapshot().keyed!);
    const restored = await harness(true, 1000, 250, { keyed: [snapshot] });
    restored.watermark(first.out.watermarks.at(-1)!);
    feed(restored, input.slice(500), 200);
    restored.watermark(MAX_WATERMARK);
    expect(panesHeld(restored)).toBe(false);
    expect(new Map([...results(first), ...results(restored)])).toEqual(summed(fixedWindows(input, 1000, 250)));
  });
});
