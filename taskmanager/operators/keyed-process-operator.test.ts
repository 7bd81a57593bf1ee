import { describe, it, expect } from 'vitest';
import { OperatorHarness, roundTrip } from './test-support/operator-harness';
import type { KeyedProcessFunction } from '../../api/process-functions';
import { OutputTag } from '../../api/output-tag';
import { StateTtlConfig, ValueStateDescriptor } from '../../api/state-descriptors';
import type { KeyedStateSnapshot } from '../state/keyed-state-backend';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';
import { MAX_WATERMARK } from '../../common/event-time';

type E = [key: string, value: number];
const ODD = new OutputTag<E>('odd');

/** Sums values per key; an event-time timer 100 ms after the first element emits the sum. */
const sumThenEmit: KeyedProcessFunction<string, E, unknown> = {
  processElement(e, ctx, out) {
    const sum = ctx.getValueState<number>('sum');
    if (sum.value() === undefined) ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + 100);
    sum.update((sum.value() ?? 0) + e[1]);
    ctx.getListState<number>('seen').add(e[1]);
    ctx.getMapState<number, boolean>('parity').put(e[1] % 2, true);
    ctx.getReducingState('max', (a: number, b: number) => Math.max(a, b)).add(e[1]);
    ctx.getAggregatingState('n', { createAccumulator: () => 0, add: (_: number, acc: number) => acc + 1, getResult: (acc: number) => acc }).add(e[1]);
    if (e[1] % 2 === 1) ctx.output(ODD, e);
  },
  onTimer(ts, ctx, out) {
    const key = ctx.getCurrentKey();
    out.collect({
      key,
      ts,
      domain: ctx.timeDomain(),
      sum: ctx.getValueState<number>('sum').value(),
      seen: ctx.getListState<number>('seen').get(),
      parities: [...ctx.getMapState<number, boolean>('parity').keys()].sort(),
      max: ctx.getReducingState('max', (a: number, b: number) => Math.max(a, b)).get(),
      n: ctx.getAggregatingState('n', { createAccumulator: () => 0, add: (_: number, acc: number) => acc + 1, getResult: (acc: number) => acc }).get(),
    });
    ctx.getValueState('sum').clear();
  },
};

function harness(fn: KeyedProcessFunction<string, E, unknown>, opts: { parallelism?: number; subtask?: number; keyed?: KeyedStateSnapshot[] } = {}) {
  return OperatorHarness.fromJob((env) => env.fromElements<E>().keyBy((e) => e[0]).process(fn).print(), 'keyed.process', opts).open();
}

describe('keyed process function', () => {
  it('keeps every state kind per key, fires event-time timers with their timestamp, emits side outputs', async () => {
    const h = await harness(sumThenEmit);
    h.element(['a', 1], 1000);
    h.element(['b', 2], 1010);
    h.element(['a', 4], 1050);
    h.watermark(1099);
    expect(h.out.records).toEqual([]);
    h.watermark(1100);
    expect(h.out.records).toEqual([{ value: { key: 'a', ts: 1100, domain: 'EVENT_TIME', sum: 5, seen: [1, 4], parities: [0, 1], max: 4, n: 2 }, timestamp: 1100 }]);
    h.watermark(2000);
    expect(h.out.values()[1]).toMatchObject({ key: 'b', ts: 1110, sum: 2 });
    expect(h.out.sideValues('odd')).toEqual([['a', 1]]);
    expect(h.out.watermarks).toEqual([1099, 1100, 2000]);
  });

  it('processing-time timers fire on the clock; deleted timers do not; pending ones fire at end of input', async () => {
    const h = await harness({
      processElement(e, ctx) {
        const t = ctx.timerService();
        t.registerProcessingTimeTimer(t.currentProcessingTime() + e[1]);
        if (e[1] === 30) t.deleteProcessingTimeTimer(t.currentProcessingTime() + 30);
      },
      onTimer(ts, ctx, out) {
        out.collect([ctx.getCurrentKey(), ts, ctx.timeDomain()]);
      },
    });
    h.advanceTimeTo(100);
    h.element(['a', 10]);
    h.element(['b', 30]);
    h.element(['c', 500]);
    h.advanceTimeTo(200);
    expect(h.out.values()).toEqual([['a', 110, 'PROCESSING_TIME']]);
    await h.endInput();
    expect(h.out.values()).toEqual([['a', 110, 'PROCESSING_TIME'], ['c', 600, 'PROCESSING_TIME']]);
  });

  it('timers and state survive a snapshot and a restore at another parallelism', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `key${i}`);
    const h = await harness(sumThenEmit);
    keys.forEach((k, i) => h.element([k, i], 1000 + i));
    const snap = roundTrip(h.snapshot().keyed!);
    const results: unknown[] = [];
    for (let sub = 0; sub < 2; sub++) {
      const r = await harness(sumThenEmit, { parallelism: 2, subtask: sub, keyed: [snap] });
      r.watermark(MAX_WATERMARK);
      results.push(...r.out.values());
      expect(r.out.values()).toHaveLength(keys.filter((k) => operatorIndexForKeyGroup(128, 2, keyGroupForKey(k, 128)) === sub).length);
    }
    expect(results).toHaveLength(30);
    expect(results).toContainEqual(expect.objectContaining({ key: 'key7', ts: 1107, sum: 7, seen: [7] }));
  });

  it('TTL state expires and is released by the background sweep', async () => {
    const desc = new ValueStateDescriptor<number>('last').enableTimeToLive(StateTtlConfig.newBuilder(1000).build());
    const h = await harness({
      processElement(e, ctx, out) {
        const s = ctx.getValueState(desc);
        out.collect([e[0], s.value() ?? null]);
        s.update(e[1]);
      },
    });
    for (let i = 0; i < 100; i++) h.element([`k${i}`, i]);
    expect(h.stateSize).toBe(200); // values + TTL stamps
    h.advanceTimeTo(500);
    h.element(['k1', 99]);
    expect(h.out.values().at(-1)).toEqual(['k1', 1]);
    h.advanceTimeTo(1200); // sweeps run every ttl/2 (500 ms): everything but k1 (rewritten at 500) is gone
    expect(h.stateSize).toBe(2);
    h.element(['k2', 0]);
    expect(h.out.values().at(-1)).toEqual(['k2', null]);
  });

  it('non-keyed streams cannot set timers', async () => {
    const h = await OperatorHarness.fromJob(
      (env) =>
        env
          .fromElements(1)
          .process({ processElement: (v, ctx, out) => (out.collect([v, ctx.timestamp()]), ctx.timerService().registerEventTimeTimer(5)) })
          .print(),
      'process',
    ).open();
    expect(() => h.element(1, 42)).toThrow(/keyed streams/);
    expect(h.out.values()).toEqual([[1, 42]]);
  });
});
