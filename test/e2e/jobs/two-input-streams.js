// Two-input operators and side outputs through the network at parallelism 2:
// orders and payments (two datagen sources), a keyed connect, a window join, an interval
// join, broadcast rules, and ctx.output side outputs, each into its own FileSink.
import { FileSink, OutputTag, MapStateDescriptor, WatermarkStrategy, TumblingEventTimeWindows } from 'sluice';

const N = 400;
const ts = () => WatermarkStrategy.forBoundedOutOfOrderness(50).withTimestampAssigner((e) => e.t);

export default function (env, params) {
  env.setParallelism(2);
  const out = (name) => FileSink.forRowFormat(`${params.get('output')}/${name}`);
  const sink = (stream, name) => stream.sinkTo(out(name)).uid(`${name}-sink`);
  // order i: user u(i % 7), at t = 10 i; payment of order i (every third unpaid) at t = 10 i + 5
  const orders = env.datagen({ count: N, rowsPerSecond: 800, fn: (i) => ({ id: `o${i}`, user: `u${i % 7}`, t: 10 * i }) }).uid('orders').assignTimestampsAndWatermarks(ts());
  const pays = env
    .datagen({ count: N, rowsPerSecond: 800, fn: (i) => ({ order: `o${i}`, amount: i % 3 === 0 ? 0 : i, t: 10 * i + 5 }) })
    .uid('payments')
    .filter((p) => p.amount > 0)
    .assignTimestampsAndWatermarks(ts());

  const unpaid = new OutputTag('unpaid');
  const paid = orders
    .connect(pays)
    .keyBy((o) => o.id, (p) => p.order)
    .process({
      processElement1(o, ctx) {
        ctx.getValueState('order').update(o);
        ctx.timerService().registerEventTimeTimer(o.t + 100);
      },
      processElement2(p, ctx) {
        ctx.getValueState('paid').update(p.amount);
      },
      onTimer(t, ctx, out2) {
        const o = ctx.getValueState('order').value();
        const amount = ctx.getValueState('paid').value();
        if (amount === undefined) ctx.output(unpaid, o.id);
        else out2.collect([o.id, amount]);
      },
    })
    .uid('paid');
  sink(paid, 'paid');
  sink(paid.getSideOutput(unpaid), 'unpaid');

  const joined = orders
    .join(pays)
    .where((o) => o.user)
    .equalTo((p) => `u${Number(p.order.slice(1)) % 7}`)
    .window(TumblingEventTimeWindows.of(1000))
    .apply((o, p) => [o.id, p.order])
    .uid('window-join');
  sink(joined, 'window-join');

  const intervalJoined = orders
    .keyBy((o) => o.id)
    .intervalJoin(pays.keyBy((p) => p.order))
    .between(0, 10)
    .process((o, p, ctx, out2) => out2.collect([o.id, p.amount, ctx.getTimestamp()]))
    .uid('interval-join');
  sink(intervalJoined, 'interval-join');

  const limits = new MapStateDescriptor('limits');
  const rules = env.fromElements(['max', 200]).uid('rules').broadcast(limits);
  const overLimit = pays
    .keyBy((p) => p.order)
    .connect(rules)
    .process({
      processElement(p, ctx, out2) {
        const max = ctx.getBroadcastState(limits).get('max');
        if (max !== undefined) {
          if (p.amount > max) out2.collect(p.order);
          return;
        }
        // Rules and payments race at the start. A payment that beats the rule waits for an
        // event-time timer: the operator's watermark is the minimum of both inputs, and the
        // rules source sends its element before its final watermark, so the timer fires only
        // once the rule is in broadcast state (Flink's pattern for the same race).
        ctx.getValueState('pending').update(p);
        ctx.timerService().registerEventTimeTimer(p.t);
      },
      onTimer(t, ctx, out2) {
        const p = ctx.getValueState('pending').value();
        if (p !== undefined && p.amount > ctx.getBroadcastState(limits).get('max')) out2.collect(p.order);
      },
      processBroadcastElement(r, ctx) {
        ctx.getBroadcastState(limits).put(r[0], r[1]);
      },
    })
    .uid('over-limit');
  sink(overLimit, 'over-limit');
}
