// Needs more slots than a small cluster has.
export default function (env) {
  env.setParallelism(16);
  env.fromSequence(1, 10).print();
}
