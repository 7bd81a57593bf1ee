import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { waitFor } from '../harness/wait-for';
import { readMetadata, readTaskState } from '../../common/checkpoint/state-files';
import { decodeTaskState } from '../../common/checkpoint/task-state-snapshot';

const FLINK_NO_WATERMARK = '-9223372036854775808';

const JOB = path.join(__dirname, 'jobs', 'unbounded-datagen-rescale.js');
const RATE = 400;

interface Split {
  splitId: string;
  next: number;
  stride: number;
}

/** The source's splits in a checkpoint or savepoint, by split id, with the subtask holding each. */
async function splitsAt(location: string): Promise<{ timestamp: number; splits: Map<string, Split & { subtask: number }> }> {
  const { metadata, directory } = await readMetadata(location);
  const splits = new Map<string, Split & { subtask: number }>();
  for (const v of metadata.vertices)
    for (const h of v.handles) {
      const state = decodeTaskState(await readTaskState(directory, h), h.location);
      for (const s of (state.operators.source?.list?.splits ?? []) as Split[]) splits.set(s.splitId, { ...s, subtask: h.subtask });
    }
  return { timestamp: metadata.timestamp, splits };
}

const emittedBy = (splits: Map<string, Split>) => [...splits.values()].reduce((n, s) => n + (s.next - Number(s.splitId)) / s.stride, 0);

/**
 * The regression of issue 9: an unbounded datagen restored at a lower parallelism read only the
 * first of a reader's splits (the second never advanced, half the records were lost), a reader
 * without a split ended with watermark +inf, and the total rate dropped after a rescale.
 */
describe('unbounded datagen across rescales (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-rescale-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });


  /** Runs the job at parallelism p (from a savepoint), checks rate and progress, stops with a savepoint. */
  async function run(p: number, fromSavepoint: string | undefined): Promise<string> {
    const args = ['--detached', '-p', String(p), ...(fromSavepoint ? ['-s', fromSavepoint] : []), JOB, '--output', path.join(tmp, 'out'), '--rate', String(RATE)];
    const res = await cluster.cli(args);
    expect(res.stderr).not.toMatch(/Error/);
    const jobId = jobIdFrom(res.stdout);
    // two checkpoints at least 3 s apart: the source's total rate between them
    const firstId = await cluster.waitForCheckpointAfter(jobId, 0);
    const first = await splitsAt((await cluster.checkpoints(jobId)).latest.completed!.external_path);
    await waitFor(async () => ((await cluster.checkpoints(jobId)).latest.completed?.id ?? 0) > firstId && Date.now() - first.timestamp > 3_000, { timeoutMs: 30_000, message: 'a checkpoint 3 s after the first' });
    const second = await splitsAt((await cluster.checkpoints(jobId)).latest.completed!.external_path);
    const rate = ((emittedBy(second.splits) - emittedBy(first.splits)) * 1000) / (second.timestamp - first.timestamp);
    expect(rate).toBeGreaterThan(RATE * 0.85);
    expect(rate).toBeLessThan(RATE * 1.15);
    // every split advances, wherever it is read
    for (const [id, s] of second.splits) expect(s.next, `split ${id}`).toBeGreaterThan(first.splits.get(id)!.next);
    // a subtask without a split is idle, not ended: it runs, and its watermark is not +inf
    const job = await cluster.rest<{ vertices: Array<{ id: string; status: string }> }>(`/jobs/${jobId}`);
    for (const v of job.vertices) expect(v.status).toBe('RUNNING');
    const holders = new Set([...second.splits.values()].map((s) => s.subtask));
    await waitFor(
      async () => {
        const marks = await cluster.rest<Array<{ id: string; value: string }>>(`/jobs/${jobId}/vertices/${job.vertices[0].id}/watermarks`);
        return marks.every(({ id, value }) => (holders.has(Number(id.split('.')[0])) ? BigInt(value) > 0n : value === FLINK_NO_WATERMARK));
      },
      { timeoutMs: 10_000, message: 'readers with splits to report watermarks and readers without to report none' },
    );
    const mark = cluster.logMark();
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', path.join(tmp, 'savepoints')]);
    expect(stop.code, `stream-submit stop: ${stop.stdout}${stop.stderr}\n${cluster.logSince(mark)}`).toBe(0);
    expect(await cluster.jobState(jobId)).toBe('FINISHED');
    const m = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout);
    if (!m) throw new Error(`no savepoint path in: ${stop.stdout}`);
    return m[1];
  }

  it('p=2 → stop with savepoint → p=1 → stop → p=3: all splits advance, the rate holds, every index committed exactly once', { timeout: 240_000 }, async () => {
    const sp1 = await run(2, undefined);
    const sp2 = await run(1, sp1);
    const atOne = await splitsAt(sp2);
    // at parallelism 1, one reader held both splits
    expect([...atOne.splits.values()].map((s) => s.subtask)).toEqual([0, 0]);
    const sp3 = await run(3, sp2);
    const last = await splitsAt(sp3);
    expect(last.splits.size).toBe(2);
    // the committed output is exactly the indices below each split's final position, each once
    const records = readCommittedRecords<number>(path.join(tmp, 'out'));
    const expected: number[] = [];
    for (const s of last.splits.values()) for (let i = Number(s.splitId); i < s.next; i += s.stride) expected.push(i);
    expect(records.length).toBe(expected.length);
    expect(new Set(records).size).toBe(records.length);
    expect([...records].sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
  });
});
