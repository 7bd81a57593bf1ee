// Unbounded, rate-limited events with event time = 10 ms per record: watermarks advance
// while the job runs (visible per vertex in GET /jobs/:jid).
import { WatermarkStrategy, TumblingEventTimeWindows } from 'sluice';

export default function (env) {
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 400, fn: (i) => [`k${i % 4}`, i * 10] })
    .uid('events')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e[1]))
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(100))
    .sum(1)
    .uid('windows')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
