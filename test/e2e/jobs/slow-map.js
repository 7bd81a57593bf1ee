// Metrics under load: an unlimited source into a map that spends 800 µs per record
// (parallelism 2, one subtask per TaskManager), into a sink that discards.
export default function (env) {
  env
    .datagen({ fn: (i) => i })
    .setParallelism(1)
    .rebalance()
    .map((i) => {
      const until = process.hrtime.bigint() + 800_000n;
      while (process.hrtime.bigint() < until);
      return i;
    })
    .setParallelism(2)
    .sinkTo({ createWriter: () => ({ write() {} }) })
    .setParallelism(2);
}
