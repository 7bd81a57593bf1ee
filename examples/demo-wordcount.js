// The `npm start` demo: an endless word count over generated words at 5 lines per second,
// printed on the TaskManagers' stdout as running counts.
const WORDS = ['stream', 'flink', 'sluice', 'node', 'window', 'state', 'barrier', 'slot'];

export default function (env) {
  env.setParallelism(2);
  env
    .datagen({ rowsPerSecond: 5, fn: (i) => `${WORDS[i % 8]} ${WORDS[(i * 5 + 3) % 8]}` })
    .uid('lines')
    .flatMap((line) => line.split(' '))
    .map((w) => [w, 1])
    .keyBy((t) => t[0])
    .sum(1)
    .uid('word-counts')
    .print();
  env.execute('Demo word count');
}
