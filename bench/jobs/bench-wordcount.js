// The benchmark's word count: generated lines, split into words, counted per word with a
// rolling keyed sum, into a sink that discards (the engine's cost, not stdout's).
// The line generator must stay identical to bench/baseline-wordcount.ts.
const WORDS = [];
for (let i = 0; i < 1000; i++) WORDS.push(`word${i}`);

export default function (env, params) {
  const lines = params.getNumber('lines', 1000000);
  if (params.has('checkpoint')) env.enableCheckpointing(params.getNumber('checkpoint', 1000));
  env
    .datagen({ count: lines, fn: (i) => `${WORDS[i % 1000]} ${WORDS[(i * 7) % 1000]} ${WORDS[(i * 13 + 5) % 1000]} ${WORDS[(i * 31 + 11) % 1000]}` })
    .flatMap((line) => line.split(' '))
    .map((w) => [w, 1])
    .keyBy((t) => t[0])
    .sum(1)
    .sinkTo({ createWriter: () => ({ write() {} }) });
}
