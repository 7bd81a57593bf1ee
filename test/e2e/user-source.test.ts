import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';

const JOB = path.join(__dirname, 'jobs', 'user-source-windows.js');

/**
 * env.fromSource with a user-written Source: a pull-based enumerator in the JobManager, readers
 * holding several splits whose event times advance at different speeds, per-split watermarks.
 */
describe('a user-written Source (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-user-source-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('every split is read once, and per-split watermarks keep every record on time: exact window counts', { timeout: 120_000 }, async () => {
    const out = path.join(tmp, 'out');
    const res = await cluster.cli([JOB, '--output', out]);
    expect(res.stderr).not.toMatch(/Error/);
    expect(res.code).toBe(0);
    // split s emits k = 0..2999 at event time k * (s + 1): counts per 1 s window
    const expected = new Map<string, number>();
    for (let s = 0; s < 3; s++)
      for (let k = 0; k < 3000; k++) {
        const key = `${s}/${Math.floor((k * (s + 1)) / 1000) * 1000}`;
        expected.set(key, (expected.get(key) ?? 0) + 1);
      }
    const got = new Map(readCommittedRecords<[number, number, number]>(out).map(([s, start, n]) => [`${s}/${start}`, n]));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
  });
});
