// A source whose subtasks each send a record every two seconds and declare themselves idle after
// one second without one: downstream subtasks are idle about half of the time and active the
// other half, so metrics sampled at heartbeats see both states (an idleness of 200 ms made the
// active phase too short to be sampled reliably).
import { WatermarkStrategy } from 'sluice';

export default function (env) {
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 1, fn: (i) => ({ i, ts: Date.UTC(2026, 0, 15) + i * 1000 }) })
    .uid('slow')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e.ts).withIdleness(1000))
    .uid('timestamps')
    .rebalance()
    .map((e) => e.i)
    .uid('after')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
