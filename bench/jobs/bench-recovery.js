// Recovery benchmark: an unbounded, rate-limited keyed count with checkpoints every 500 ms.
export default function (env, params) {
  env.setParallelism(2);
  env.enableCheckpointing(params.getNumber('checkpoint', 500));
  env
    .datagen({ rowsPerSecond: 20000, fn: (i) => [`k${i % 1000}`, 1] })
    .uid('source')
    .keyBy((t) => t[0])
    .sum(1)
    .uid('counts')
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
