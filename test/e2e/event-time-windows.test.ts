import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { waitFor } from '../harness/wait-for';
import { events } from './jobs/lib/window-events';
import { fixedWindows, sessionWindows } from '../../taskmanager/operators/test-support/window-reference';

const JOBS = path.join(__dirname, 'jobs');

// The batch references are the ones the window operator's unit tests use.
const sessions = sessionWindows;

const sum = (vs: number[]) => vs.reduce((a, b) => a + b, 0);

/**
 * Windows on a real cluster (JobManager + 2 TaskManagers as processes): out-of-order events
 * from two parallel sources, watermarks through the network (merged per channel), results
 * compared with a batch computation over the same events.
 */
describe('event-time windows (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;
  const COUNT = 6000;
  const all = events(COUNT);

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-windows-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function run(window: string): Promise<unknown[][]> {
    const out = path.join(tmp, window);
    const res = await cluster.cli([path.join(JOBS, 'event-time-windows.js'), '--window', window, '--count', String(COUNT), '--output', out]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    expect(res.code).toBe(0);
    return readCommittedRecords<unknown[]>(out);
  }

  it('tumbling windows (reduce + window function) equal the batch reference', async () => {
    const got = await run('tumbling');
    const expected = new Map([...fixedWindows(all, 1000, 1000)].map(([id, vs]) => [id, sum(vs)]));
    expect(got).toHaveLength(expected.size); // each window fired exactly once
    expect(new Map(got.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r[3]]))).toEqual(expected);
  });

  it('sliding windows (aggregate + window function) equal the batch reference', async () => {
    const got = await run('sliding');
    const expected = new Map([...fixedWindows(all, 1000, 250)].map(([id, vs]) => [id, [sum(vs), vs.length]]));
    expect(got).toHaveLength(expected.size);
    expect(new Map(got.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, [r[3], r[4]]]))).toEqual(expected);
  });

  it('session windows (process) merge out-of-order events exactly like the batch sessions', async () => {
    const got = await run('session');
    const expected = new Map([...sessions(all, 200)].map(([id, vs]) => [id, vs.sort((a, b) => a - b)]));
    expect(got).toHaveLength(expected.size);
    expect(new Map(got.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r[3]]))).toEqual(expected);
  });

  it('late data: allowed lateness fires windows again, later elements land in the side output, none is lost', async () => {
    const out = path.join(tmp, 'late');
    const late = path.join(tmp, 'late-side');
    const res = await cluster.cli([path.join(JOBS, 'late-window-data.js'), '--output', out, '--late', late]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    expect(res.code).toBe(0);
    const sortRows = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
    // each firing: the first element of the window with the sum (Flink's windowed sum)
    expect(sortRows(readCommittedRecords<unknown[]>(out))).toEqual(
      sortRows([
        ['a', 1000, 5],
        ['b', 1200, 2],
        ['a', 1000, 21], // re-fired by the late element (1800, 16)
        ['a', 2500, 8],
        ['b', 2100, 128], // a late element opening a window still within lateness fires it at once
        ['b', 3100, 32], // fired by the end of input
      ]),
    );
    expect(readCommittedRecords(late)).toEqual([['a', 1900, 64]]);
  });

  it('watermarks advance while a job runs and are shown per vertex in GET /jobs/:jid', async () => {
    const res = await cluster.cli(['--detached', path.join(JOBS, 'watermark-progress.js')]);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    type Detail = { vertices: Array<{ name: string; 'current-watermark': number | null }> };
    const watermarkOf = async () => (await cluster.rest<Detail>(`/jobs/${jobId}`)).vertices.find((v) => v.name.includes('Window'))?.['current-watermark'] ?? null;
    const first = await waitFor(async () => ((await watermarkOf()) ?? 0) > 0 && (await watermarkOf()), { timeoutMs: 20_000, message: 'a first watermark on the window vertex' });
    await waitFor(async () => ((await watermarkOf()) ?? 0) > (first as number) + 500, { timeoutMs: 20_000, message: 'the watermark to advance' });
    const detail = await cluster.rest<Detail>(`/jobs/${jobId}`);
    const source = detail.vertices.find((v) => v.name.includes('Timestamps'))!;
    expect(source['current-watermark']).toBeGreaterThan(0); // a source chain reports the watermarks it emits
    expect((await cluster.cli(['cancel', jobId])).code).toBe(0);
    await cluster.waitForJobState(jobId, 'CANCELED');
  });
});
