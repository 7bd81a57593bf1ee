// A bounded word count over generated text: the job finishes when the input ends.
//   npx stream-submit -p 2 examples/wordcount.js --lines 100000 --output /tmp/wordcount
// Writes the running counts as part files under --output (or prints them without it).
const WORDS = ['stream', 'flink', 'sluice', 'node', 'window', 'state', 'barrier', 'slot', 'key', 'watermark'];

export default function (env, params) {
  const lines = params.getNumber('lines', 10000);
  const counts = env
    .datagen({ count: lines, fn: (i) => `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]} ${WORDS[(i * 3 + 1) % 10]}` })
    .name('lines')
    .uid('lines')
    .flatMap((line) => line.split(' '))
    .map((w) => [w, 1])
    .keyBy((t) => t[0])
    .sum(1)
    .uid('word-counts');
  if (params.has('output')) counts.writeAsText(params.get('output')).uid('output');
  else counts.print();
}
