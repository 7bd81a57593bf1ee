// A user function that throws at run time: the job must end FAILED with the cause.
export default function (env) {
  env.fromSequence(1, 100).map((n) => {
    if (n === 50) throw new Error('boom at record 50');
    return n;
  }).print();
}
