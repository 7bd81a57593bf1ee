/**
 * Checks the committed output of test/e2e/jobs/checkpointed-sum.js: record i is
 * [k(i % keys), i + 1] and the job emits [key, runningSum] per record. Whatever order records
 * of a key arrived in, exactly-once output means each key's sums, sorted, step by exactly the
 * multiset of that key's values: no update lost, none twice.
 */
export function checkRunningSums(records: Array<[string, number]>, count: number, keys: number): { exact: boolean; problems: string[]; finalSumsExact: boolean } {
  const byKey = new Map<string, number[]>();
  for (const [k, s] of records) {
    let list = byKey.get(k);
    if (!list) byKey.set(k, (list = []));
    list.push(s);
  }
  const problems: string[] = [];
  let finalSumsExact = true;
  for (let k = 0; k < keys; k++) {
    const values: number[] = [];
    for (let i = k; i < count; i += keys) values.push(i + 1);
    const total = values.reduce((a, b) => a + b, 0);
    const sums = (byKey.get(`k${k}`) ?? []).sort((a, b) => a - b);
    if (sums[sums.length - 1] !== total) finalSumsExact = false;
    const steps = sums.map((s, j) => (j === 0 ? s : s - sums[j - 1])).sort((a, b) => a - b);
    if (steps.length !== values.length || steps.some((d, j) => d !== values[j]))
      problems.push(`key k${k}: ${sums.length} updates (expected ${values.length}), final ${sums[sums.length - 1]} (expected ${total})`);
  }
  return { exact: problems.length === 0, problems, finalSumsExact };
}
