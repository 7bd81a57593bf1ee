// Savepoint benchmark: a keyed count over --keys distinct keys, endless, as fast as it goes.
export default function (env, params) {
  env.setParallelism(2);
  const keys = params.getNumber('keys', 1000000);
  env
    .datagen({ fn: (i) => [`key-${i % keys}`, 1] })
    .uid('source')
    .keyBy((t) => t[0])
    .sum(1)
    .uid('counts')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
