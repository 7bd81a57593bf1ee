// The dashboard's test job: every kind of edge the graph draws (forward chains, hash,
// rebalance), checkpointed, running until it is stopped or cancelled.
export default function (env) {
  env.enableCheckpointing(1000);
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 400, fn: (i) => `w${i % 20}` })
    .name('Words')
    .map((w) => [w, 1])
    .name('Pair')
    .keyBy((t) => t[0])
    .sum(1)
    .name('Count per word')
    .rebalance()
    .filter((t) => t[1] % 10 === 0)
    .name('Every tenth')
    .sinkTo({ createWriter: () => ({ write() {} }) })
    .name('Discard');
}
