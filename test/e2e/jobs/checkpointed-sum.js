// A checkpointed keyed running sum over datagen at parallelism 2, written exactly-once with
// FileSink. Record i is [k(i % keys), i + 1]; every update [key, runningSum] is committed once.
import { FileSink } from 'sluice';

export default function (env, params) {
  env.setParallelism(2);
  env.enableCheckpointing(params.getNumber('interval', 300));
  const cp = env.getCheckpointConfig();
  cp.setTolerableCheckpointFailureNumber(params.getNumber('tolerable', 1000)).setNumRetainedCheckpoints(params.getNumber('retained', 2));
  if (params.has('storage')) cp.setCheckpointStorage(params.get('storage'));
  const keys = params.getNumber('keys', 10);
  env
    .datagen({ count: params.getNumber('count', 20000), rowsPerSecond: params.getNumber('rate', 4000), fn: (i) => [`k${i % keys}`, i + 1] })
    .uid('source')
    .keyBy((r) => r[0])
    .sum(1)
    .uid('sums')
    .sinkTo(FileSink.forRowFormat(params.get('output')))
    .uid('sink');
}
