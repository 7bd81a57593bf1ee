import { describe, it, expect } from 'vitest';
import { OperatorHarness } from './test-support/operator-harness';
import { WatermarkStrategy } from '../../api/watermark-strategy';
import { MAX_WATERMARK, NO_TIMESTAMP } from '../../common/event-time';

type E = { t: number };

function harness(strategy: WatermarkStrategy<E>, interval = 200) {
  return OperatorHarness.fromJob((env) => {
    env.setAutoWatermarkInterval(interval);
    env.fromElements<E>().assignTimestampsAndWatermarks(strategy).print();
  }, 'timestamps').open();
}

describe('assignTimestampsAndWatermarks', () => {
  it('stamps records (no wrapper: downstream sees the timestamp in the register) and emits bounded watermarks periodically', async () => {
    const h = await harness(WatermarkStrategy.forBoundedOutOfOrderness<E>(100).withTimestampAssigner((e) => e.t));
    h.element({ t: 1000 });
    h.element({ t: 1500 });
    h.element({ t: 1200 });
    expect(h.out.records.map((r) => r.timestamp)).toEqual([1000, 1500, 1200]);
    expect(h.out.watermarks).toEqual([]);
    h.advanceTimeTo(200);
    expect(h.out.watermarks).toEqual([1500 - 100 - 1]);
    h.advanceTimeTo(400); // no progress: no new watermark
    h.element({ t: 2000 });
    h.advanceTimeTo(600);
    expect(h.out.watermarks).toEqual([1399, 1899]);
    expect(h.register.value).toBe(NO_TIMESTAMP); // the register is restored to the incoming record's after emitting
  });

  it('monotonous timestamps trail by 1 ms; noWatermarks emits none; the assigner sees the previous timestamp', async () => {
    const mono = await harness(WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.t));
    mono.element({ t: 10 });
    mono.advanceTimeTo(200);
    expect(mono.out.watermarks).toEqual([9]);
    const seen: Array<number | null> = [];
    const none = await harness(WatermarkStrategy.noWatermarks<E>().withTimestampAssigner((e, prev) => (seen.push(prev), e.t)));
    none.element({ t: 5 });
    none.element({ t: 7 }, 3);
    none.advanceTimeTo(1000);
    expect(none.out.watermarks).toEqual([]);
    expect(seen).toEqual([null, 3]);
  });

  it('swallows upstream watermarks but forwards the end of event time once', async () => {
    const h = await harness(WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.t));
    h.watermark(50);
    expect(h.out.watermarks).toEqual([]);
    h.watermark(MAX_WATERMARK);
    h.watermark(MAX_WATERMARK);
    expect(h.out.watermarks).toEqual([MAX_WATERMARK]);
    h.element({ t: 10 });
    h.advanceTimeTo(1000);
    expect(h.out.watermarks).toEqual([MAX_WATERMARK]);
  });

  it('with idleness, a quiet subtask goes idle and becomes active with its next record', async () => {
    const h = await harness(WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.t).withIdleness(500), 100);
    h.element({ t: 1 });
    h.advanceTimeTo(400);
    expect(h.out.statuses).toEqual([]);
    h.advanceTimeTo(700);
    expect(h.out.statuses).toEqual([true]);
    h.element({ t: 2 });
    expect(h.out.statuses).toEqual([true, false]);
  });

  it('an idle input (a source reader without splits) makes the stream idle until its next record', async () => {
    const h = await harness(WatermarkStrategy.forMonotonousTimestamps<E>().withTimestampAssigner((e) => e.t), 100);
    h.watermarkStatus(true);
    expect(h.out.statuses).toEqual([true]);
    h.advanceTimeTo(300);
    expect(h.out.watermarks).toEqual([]);
    h.element({ t: 5 });
    h.advanceTimeTo(400);
    expect(h.out.statuses).toEqual([true, false]);
    expect(h.out.watermarks).toEqual([4]);
  });

  it('a custom generator and a missing timestamp', async () => {
    const h = await harness(
      WatermarkStrategy.forGenerator<E>(() => ({ onEvent: (e, ts, out) => out.emitWatermark(ts), onPeriodicEmit: () => {} })).withTimestampAssigner((e) => e.t),
    );
    h.element({ t: 3 });
    h.element({ t: 2 });
    expect(h.out.watermarks).toEqual([3]);
    const bare = await harness(WatermarkStrategy.forMonotonousTimestamps<E>());
    expect(() => bare.element({ t: 1 })).toThrow(/has no timestamp/);
  });
});
