/**
 * The baseline: the same word count as a plain, hand-written single-process JS loop.
 * It generates the same lines as bench/jobs/bench-wordcount.js.
 */
const WORDS: string[] = [];
for (let i = 0; i < 1000; i++) WORDS.push(`word${i}`);

export function runBaselineWordCount(lines: number): { words: number; ms: number; distinct: number } {
  const started = process.hrtime.bigint();
  const counts = new Map<string, number>();
  let words = 0;
  for (let i = 0; i < lines; i++) {
    const line = `${WORDS[i % 1000]} ${WORDS[(i * 7) % 1000]} ${WORDS[(i * 13 + 5) % 1000]} ${WORDS[(i * 31 + 11) % 1000]}`;
    for (const w of line.split(' ')) {
      const t: [string, number] = [w, 1];
      counts.set(t[0], (counts.get(t[0]) ?? 0) + t[1]);
      words++;
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { words, ms, distinct: counts.size };
}
