// Back-pressure: an unbounded fast source into a sink that spends ~50 µs per record.
export default function (env) {
  env.setParallelism(2);
  env
    .datagen({ fn: (i) => ({ i, payload: 'x'.repeat(100) }) })
    .rebalance()
    .map((r) => r)
    .sinkTo({
      createWriter: () => ({
        write() {
          const until = process.hrtime.bigint() + 50000n;
          while (process.hrtime.bigint() < until);
        },
      }),
    });
}
