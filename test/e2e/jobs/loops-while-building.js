// Never returns from building the pipeline.
export default function (env) {
  env.fromSequence(1, 10).print();
  for (;;) {
    /* spin */
  }
}
