// A job that finishes at once: fills the list of completed jobs.
export default function (env) {
  env.setParallelism(1);
  env.fromSequence(1, 3).map((n) => n * 2).name('Double').print();
}
