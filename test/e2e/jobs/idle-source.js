// A source that sends a record every two seconds and declares itself idle after 200 ms without
// one: downstream subtasks see every input idle most of the time.
import { WatermarkStrategy } from 'sluice';

export default function (env) {
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 1, fn: (i) => ({ i, ts: Date.UTC(2026, 0, 15) + i * 1000 }) })
    .uid('slow')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e.ts).withIdleness(200))
    .uid('timestamps')
    .rebalance()
    .map((e) => e.i)
    .uid('after')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
