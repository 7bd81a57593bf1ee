// The windowed-aggregation benchmark: records [`k${i % 100}`, i] with event time i (ms),
// counted per key in 10 s tumbling event-time windows, into a sink that discards.
// Must stay identical in its records and windows to bench/baseline-window-count.ts.
import { WatermarkStrategy, TumblingEventTimeWindows } from 'sluice';

export default function (env, params) {
  env
    .datagen({ count: params.getNumber('records', 3000000), fn: (i) => [`k${i % 100}`, i] })
    .uid('records')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((r) => r[1]))
    .keyBy((r) => r[0])
    .window(TumblingEventTimeWindows.of(10000))
    .aggregate({ createAccumulator: () => 0, add: (_r, acc) => acc + 1, getResult: (acc) => acc })
    .uid('window-count')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
