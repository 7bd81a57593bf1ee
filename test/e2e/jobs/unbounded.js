// Runs until cancelled.
export default function (env) {
  env.setParallelism(2);
  env.datagen({ rowsPerSecond: 200, fn: (i) => i }).uid('source').map((i) => i * 2).sinkTo({ createWriter: () => ({ write() {} }) });
}
