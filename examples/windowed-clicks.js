// Event-time windows: clicks per page in 10 s tumbling windows, with out-of-order events,
// 5 s of allowed lateness and later clicks in a side output. Needs a running cluster (npm start):
//   npx stream-submit examples/windowed-clicks.js --clicks 100000
import { WatermarkStrategy, TumblingEventTimeWindows, OutputTag } from 'sluice';

const PAGES = ['/home', '/search', '/cart', '/checkout'];

export default function (env, params) {
  env.setParallelism(2);
  const late = new OutputTag('late-clicks');
  const counts = env
    .datagen({
      count: params.getNumber('clicks', 100000),
      rowsPerSecond: params.getNumber('rate', 20000),
      // click i happens at i ms, up to 2 s out of order
      fn: (i) => ({ page: PAGES[(i * 7) % PAGES.length], ts: i - ((i * 7919) % 2000) }),
    })
    .uid('clicks')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(1000).withTimestampAssigner((c) => c.ts))
    .keyBy((c) => c.page)
    .window(TumblingEventTimeWindows.of(10_000))
    .allowedLateness(5_000)
    .sideOutputLateData(late)
    .aggregate(
      { createAccumulator: () => 0, add: (_c, n) => n + 1, getResult: (n) => n },
      (page, ctx, [n], out) => out.collect({ page, window: [ctx.window.start, ctx.window.end], clicks: n }),
    )
    .uid('clicks-per-page');
  counts.print();
  counts.getSideOutput(late).map((c) => ({ late: c })).print();
}
