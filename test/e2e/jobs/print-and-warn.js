// fromSequence -> rebalance -> map -> print at parallelism 2; the map writes one line to stderr.
export default function (env) {
  env.setParallelism(2);
  env
    .fromSequence(1, 20)
    .rebalance()
    .map((n) => {
      if (n === 7) console.error(`map saw seven (stderr of the slot worker)`);
      return { n, square: n * n };
    })
    .print();
}
