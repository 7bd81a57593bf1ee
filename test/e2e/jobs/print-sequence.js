// fromSequence -> rebalance -> map -> print at parallelism 2.
export default function (env) {
  env.setParallelism(2);
  env.fromSequence(1, 20).rebalance().map((n) => ({ n, square: n * n })).print();
}
