// stop --drain: event-time windows of 60 s (6,000 records: record i happens at i * 10 ms),
// counted per key into exactly-once files. Draining fires the windows still open.
import { WatermarkStrategy, TumblingEventTimeWindows, FileSink } from 'sluice';

export default function (env, params) {
  env.setParallelism(2);
  env.enableCheckpointing(300);
  env
    .datagen({ rowsPerSecond: params.getNumber('rate', 2000), fn: (i) => [`k${i % 5}`, 1, i * 10] })
    .uid('source')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e[2]))
    .keyBy((e) => e[0])
    .window(TumblingEventTimeWindows.of(60_000))
    .sum(1)
    .uid('windows')
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('sink');
}
