// Keyed event-time windows over out-of-order events at parallelism 2, results to FileSink.
// --window tumbling | sliding | session. Each variant uses another window function.
import { FileSink, WatermarkStrategy, TumblingEventTimeWindows, SlidingEventTimeWindows, EventTimeSessionWindows } from 'sluice';
import { eventAt, DISORDER } from './lib/window-events';

export default function (env, params) {
  env.setParallelism(2);
  const kind = params.get('window', 'tumbling');
  const windowed = env
    .datagen({ count: params.getNumber('count', 6000), rowsPerSecond: params.getNumber('rate', 3000), fn: eventAt })
    .uid('events')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(DISORDER).withTimestampAssigner((e) => e[1]))
    .keyBy((e) => e[0]);
  let results;
  if (kind === 'tumbling') {
    results = windowed
      .window(TumblingEventTimeWindows.of(1000))
      .reduce((a, b) => [a[0], a[1], a[2] + b[2]], (key, ctx, sums, out) => out.collect([key, ctx.window.start, ctx.window.end, sums[0][2]]));
  } else if (kind === 'sliding') {
    results = windowed
      .window(SlidingEventTimeWindows.of(1000, 250))
      .aggregate(
        { createAccumulator: () => [0, 0], add: (e, acc) => [acc[0] + e[2], acc[1] + 1], getResult: (acc) => acc },
        (key, ctx, accs, out) => out.collect([key, ctx.window.start, ctx.window.end, accs[0][0], accs[0][1]]),
      );
  } else {
    results = windowed
      .window(EventTimeSessionWindows.withGap(200))
      .process((key, ctx, elements, out) => out.collect([key, ctx.window.start, ctx.window.end, elements.map((e) => e[2]).sort((a, b) => a - b)]));
  }
  results.uid('windows').sinkTo(FileSink.forRowFormat(params.get('output'))).uid('sink');
}
