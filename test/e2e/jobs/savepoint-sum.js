// Rescalable checkpointed keyed running sum: parallelism comes from -p, uids are stable.
// --without-sums drops the keyed operator (to test --allow-non-restored-state); --sums-uid renames it;
// --sums-as-process puts a keyed process function under its uid.
import { FileSink } from 'sluice';

export default function (env, params) {
  env.enableCheckpointing(params.getNumber('interval', 400));
  if (params.has('max-parallelism')) env.setMaxParallelism(params.getNumber('max-parallelism'));
  if (params.has('storage')) env.getCheckpointConfig().setCheckpointStorage(params.get('storage'));
  const keys = params.getNumber('keys', 10);
  const source = env.datagen({ count: params.getNumber('count', 30000), rowsPerSecond: params.getNumber('rate', 3000), fn: (i) => [`k${i % keys}`, i + 1] }).uid('source');
  const keyed = source.keyBy((r) => r[0]);
  const sums = params.has('sums-as-process') ? keyed.process({ processElement: (r, ctx, out) => out.collect(r) }) : keyed.sum(1);
  const out = params.has('without-sums') ? source.map((r) => r).uid('passthrough') : sums.uid(params.get('sums-uid', 'sums'));
  out.sinkTo(FileSink.forRowFormat(params.get('output'))).uid('sink');
}
