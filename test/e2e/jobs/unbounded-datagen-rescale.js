// Unbounded, rate-limited datagen into an exactly-once FileSink; parallelism from -p. Every
// checkpoint is retained (and each record is its own event time) so a test can read the source's split positions at two points in time.
import { FileSink, WatermarkStrategy } from 'sluice';

export default function (env, params) {
  env.enableCheckpointing(params.getNumber('interval', 300));
  env.getCheckpointConfig().setNumRetainedCheckpoints(10000);
  env
    .datagen({ rowsPerSecond: params.getNumber('rate', 400), fn: (i) => i })
    .uid('source')
    .assignTimestampsAndWatermarks(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((i) => i))
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('sink');
}
