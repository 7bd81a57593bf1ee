// Calls process.exit(0) while building the pipeline: stream-submit must not exit 0 with nothing submitted.
export default function (env) {
  env.fromSequence(1, 10).print();
  process.exit(0);
}
