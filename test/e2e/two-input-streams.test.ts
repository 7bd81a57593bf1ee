import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';

const N = 400;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/**
 * Two-input operators and side outputs on a real cluster: records of each input reach the
 * right entry point of the operator (edges with targetInput 0/1), side outputs travel on
 * their own edges, and watermarks of both inputs merge.
 */
describe('two-input streams and side outputs (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-two-input-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('keyed connect with timers and a side output, window join, interval join, broadcast state', async () => {
    const res = await cluster.cli([path.join(__dirname, 'jobs', 'two-input-streams.js'), '--output', tmp]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    expect(res.code).toBe(0);
    const read = <T>(name: string) => readCommittedRecords<T>(path.join(tmp, name));
    const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

    const paidIds = range(N).filter((i) => i % 3 !== 0);
    expect(sorted(read('paid'))).toEqual(sorted(paidIds.map((i) => [`o${i}`, i])));
    expect(sorted(read('unpaid'))).toEqual(sorted(range(N).filter((i) => i % 3 === 0).map((i) => `o${i}`)));

    // window join: pairs of the same user within the same 1 s window
    const windowOf = (t: number) => Math.floor(t / 1000);
    const pairs: Array<[string, string]> = [];
    for (const i of range(N)) for (const j of paidIds) if (i % 7 === j % 7 && windowOf(10 * i) === windowOf(10 * j + 5)) pairs.push([`o${i}`, `o${j}`]);
    expect(sorted(read('window-join'))).toEqual(sorted(pairs));

    // interval join: the payment 5 ms after its order, stamped with the later timestamp
    expect(sorted(read('interval-join'))).toEqual(sorted(paidIds.map((i) => [`o${i}`, i, 10 * i + 5])));

    // broadcast rule max = 200: every payment above it, also those that raced ahead of the rule
    expect(sorted(read<string>('over-limit'))).toEqual(sorted(paidIds.filter((i) => i > 200).map((i) => `o${i}`)));
  });
});
