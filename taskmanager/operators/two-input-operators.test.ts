import { describe, it, expect } from 'vitest';
import { OperatorHarness, roundTrip } from './test-support/operator-harness';
import { WatermarkStrategy } from '../../api/watermark-strategy';
import { MapStateDescriptor } from '../../api/state-descriptors';
import { OutputTag } from '../../api/output-tag';
import { TumblingEventTimeWindows } from '../../api/windowing/tumbling-windows';
import type { StreamExecutionEnvironment } from '../../api/environment';
import { MAX_WATERMARK } from '../../common/event-time';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';

type Order = { id: string; user: string; t: number };
type Pay = { order: string; amount: number; t: number };

function sources(env: StreamExecutionEnvironment) {
  const ts = <T extends { t: number }>() => WatermarkStrategy.forMonotonousTimestamps<T>().withTimestampAssigner((e) => e.t);
  return {
    orders: env.fromElements<Order>().assignTimestampsAndWatermarks(ts<Order>()),
    pays: env.fromElements<Pay>().assignTimestampsAndWatermarks(ts<Pay>()),
  };
}

describe('two-input operators', () => {
  it('keyed connect: both inputs share the key state and timers', async () => {
    const h = await OperatorHarness.fromJob((env) => {
      const { orders, pays } = sources(env);
      orders
        .connect(pays)
        .keyBy((o) => o.id, (p) => p.order)
        .process({
          processElement1(o, ctx) {
            ctx.getValueState<Order>('order').update(o);
            ctx.timerService().registerEventTimeTimer(o.t + 1000);
          },
          processElement2(p, ctx, out) {
            const o = ctx.getValueState<Order>('order').value();
            if (o) out.collect(`${o.user} paid ${p.amount}`);
            ctx.getValueState('order').clear();
          },
          onTimer(ts, ctx, out) {
            const o = ctx.getValueState<Order>('order').value();
            if (o) out.collect(`${o.id} unpaid at ${ts}`);
          },
        })
        .print();
    }, 'co.process.keyed').open();
    h.element({ id: 'o1', user: 'ann', t: 10 }, 10);
    h.element({ id: 'o2', user: 'bob', t: 20 }, 20);
    h.element2({ order: 'o1', amount: 5, t: 30 }, 30);
    h.watermark(MAX_WATERMARK);
    expect(h.out.values()).toEqual(['ann paid 5', 'o2 unpaid at 1020']);
  });

  it('non-keyed connect: map(f1, f2) and process with side outputs', async () => {
    const h = await OperatorHarness.fromJob((env) => {
      env.fromElements(1, 2).connect(env.fromElements('a')).map<number | string>((n) => n * 10, (s) => s.toUpperCase()).print();
    }, 'co.process').open();
    h.element(1);
    h.element2('a');
    expect(h.out.values()).toEqual([10, 'A']);
  });

  it('window join: every pair of equal keys in a window, with the window max timestamp', async () => {
    const h = await OperatorHarness.fromJob((env) => {
      const { orders, pays } = sources(env);
      orders
        .join(pays)
        .where((o) => o.id)
        .equalTo((p) => p.order)
        .window(TumblingEventTimeWindows.of(100))
        .apply((o, p) => [o.id, o.user, p.amount])
        .print();
    }, 'join.window').open();
    h.element({ id: 'x', user: 'u1', t: 10 }, 10);
    h.element2({ order: 'x', amount: 1, t: 20 }, 20);
    h.element2({ order: 'x', amount: 2, t: 90 }, 90);
    h.element2({ order: 'x', amount: 3, t: 120 }, 120); // next window: no order there
    h.element({ id: 'y', user: 'u2', t: 50 }, 50); // no payment
    h.watermark(MAX_WATERMARK);
    expect(h.out.records).toEqual([
      { value: ['x', 'u1', 1], timestamp: 99 },
      { value: ['x', 'u1', 2], timestamp: 99 },
    ]);
    expect(h.stateSize).toBe(0);
  });

  it('interval join: pairs within [lower, upper] of the left timestamp; late elements to side outputs; buffers cleaned up', async () => {
    const lateLeft = new OutputTag<Order>('late-left');
    const h = await OperatorHarness.fromJob((env) => {
      const { orders, pays } = sources(env);
      orders
        .keyBy((o) => o.id)
        .intervalJoin(pays.keyBy((p) => p.order))
        .between(-10, 50)
        .sideOutputLeftLateData(lateLeft)
        .process((o, p, ctx, out) => out.collect([o.id, p.amount, ctx.getLeftTimestamp(), ctx.getRightTimestamp(), ctx.getTimestamp()]))
        .print();
    }, 'join.interval').open();
    h.element2({ order: 'a', amount: 1, t: 95 }, 95); // 100 - 10 <= 95: joins when the order comes
    h.element2({ order: 'a', amount: 2, t: 80 }, 80); // too early
    h.element({ id: 'a', user: 'u', t: 100 }, 100);
    h.element2({ order: 'a', amount: 3, t: 150 }, 150); // 100 + 50: joins
    h.element2({ order: 'a', amount: 4, t: 151 }, 151); // too late for it
    expect(h.out.records).toEqual([
      { value: ['a', 1, 100, 95, 100], timestamp: 100 },
      { value: ['a', 3, 100, 150, 150], timestamp: 150 },
    ]);
    h.watermark(500);
    h.element({ id: 'a', user: 'u', t: 400 }, 400); // behind the watermark
    expect(h.out.sideValues('late-left')).toEqual([{ id: 'a', user: 'u', t: 400 }]);
    expect(h.stateSize).toBe(0);
  });

  it('broadcast state: rules reach every subtask, keyed events read them, and the state snapshots as union state', async () => {
    const rulesDesc = new MapStateDescriptor<string, number>('rules');
    const build = (env: StreamExecutionEnvironment) => {
      const rules = env.fromElements<[string, number]>().broadcast(rulesDesc);
      env
        .fromElements<[string, number]>()
        .keyBy((e) => e[0])
        .connect(rules)
        .process({
          processElement(e, ctx, out) {
            const limit = ctx.getBroadcastState(rulesDesc).get('cpu');
            if (limit !== undefined && e[1] > limit) out.collect(`cpu:${e[1]}>${limit}`);
          },
          processBroadcastElement(r, ctx) {
            ctx.getBroadcastState(rulesDesc).put(r[0], r[1]);
          },
        })
        .print();
    };
    const h = await OperatorHarness.fromJob(build, 'co.broadcast.keyed').open();
    h.element(['cpu', 99]);
    h.element2(['cpu', 90]);
    h.element(['cpu', 95]);
    h.element(['cpu', 80]);
    h.element2(['cpu', 96]); // the rule changes while the job runs
    h.element(['cpu', 95]);
    expect(h.out.values()).toEqual(['cpu:95>90']);
    const list = roundTrip(h.snapshot().list!);
    expect(Object.keys(list)).toEqual(['union:broadcast-state']);
    // after a restore (union: every new subtask gets a copy) the rule holds everywhere
    for (let sub = 0; sub < 3; sub++) {
      const r = await OperatorHarness.fromJob(build, 'co.broadcast.keyed', { parallelism: 3, subtask: sub, list: { 'union:broadcast-state': [...list['union:broadcast-state'], ...list['union:broadcast-state']] } }).open();
      const owned = Array.from({ length: 100 }, (_, i) => `host${i}`).find((k) => operatorIndexForKeyGroup(128, 3, keyGroupForKey(k, 128)) === sub)!;
      r.element([owned, 97]);
      expect(r.out.values()).toEqual(['cpu:97>96']);
    }
  });
});
