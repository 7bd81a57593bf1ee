// Bounded word count at parallelism 2 into part files: exact counts are checkable.
import { FileSink } from 'sluice';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];

export default function (env, params) {
  env.setParallelism(2);
  env
    .datagen({ count: params.getNumber('lines', 3000), fn: (i) => `${WORDS[i % 7]} ${WORDS[(i * 3) % 7]} ${WORDS[(i * 5 + 1) % 7]}` })
    .flatMap((line) => line.split(' '))
    .map((w) => [w, 1])
    .keyBy((t) => t[0])
    .sum(1)
    .sinkTo(FileSink.forRowFormat(params.get('output')));
}
