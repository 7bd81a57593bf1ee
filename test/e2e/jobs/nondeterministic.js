// Builds a different pipeline each time it runs (here: on a counter kept across runs, as a job
// depending on the clock, Math.random() or the environment would): TaskManagers rebuild the
// pipeline, so they could never match it.
export default function (env) {
  globalThis.buildsSoFar = (globalThis.buildsSoFar ?? 0) + 1;
  let numbers = env.fromSequence(1, 10);
  for (let i = 0; i < globalThis.buildsSoFar; i++) numbers = numbers.map((x) => x + 1);
  numbers.print();
}
