import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { hiddenFiles, readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { TestRedis } from '../harness/redis-server';
import { waitFor } from '../harness/wait-for';
import { readMetadata, readTaskState } from '../../common/checkpoint/state-files';
import { decodeTaskState } from '../../common/checkpoint/task-state-snapshot';

const JOB = path.join(__dirname, 'jobs', 'savepoint-sum.js');
const COUNT = 30_000;

/** Savepoints: stop and restore at other parallelisms, portability, removed operators, errors. */
describe('savepoints (multi-process)', () => {
  let cluster: TestCluster;
  let redis: TestRedis;
  let tmp: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sp-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const out = (name: string) => path.join(tmp, name);
  const records = (...dirs: string[]) => dirs.flatMap((d) => readCommittedRecords<[string, number]>(out(d)));

  /** Starts the job detached and waits until it has made progress (a checkpoint completed). */
  async function startRunning(args: string[]): Promise<string> {
    const res = await cluster.cli(['--detached', ...args]);
    expect(res.stderr).not.toMatch(/Error/);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForCheckpointAfter(jobId, 0);
    return jobId;
  }

  /** The committed part files of `dir` with their record counts, and the (key, sum) updates committed more than once. */
  function committedDuplicates(dir: string): string {
    const seen = new Map<string, string[]>();
    const counts: string[] = [];
    for (const name of fs.readdirSync(dir).filter((n) => !n.startsWith('.')).sort()) {
      const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((l) => l.length > 0);
      counts.push(`${name}: ${lines.length}`);
      for (const line of lines) seen.set(line, [...(seen.get(line) ?? []), name]);
    }
    const repeated = [...seen].filter(([, where]) => where.length > 1);
    return `${repeated.length} updates committed more than once (first: ${repeated.slice(0, 5).map(([l, w]) => `${l} in ${w.join(', ')}`).join('; ')}); files: ${counts.join(', ')}; hidden: ${hiddenFiles(dir).join(', ')}`;
  }

  /** `stream-submit stop`; a failure says what the CLI printed and what every process logged meanwhile. */
  async function stopWithSavepoint(jobId: string, dir: string): Promise<string> {
    const mark = cluster.logMark();
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', dir]);
    expect(stop.code, `stream-submit stop: ${stop.stdout}${stop.stderr}\n${cluster.logSince(mark)}`).toBe(0);
    return savepointPath(stop.stdout);
  }

  function savepointPath(stdout: string): string {
    const m = /Savepoint completed\. Path: (\S+)/.exec(stdout);
    if (!m) throw new Error(`no savepoint path in: ${stdout}`);
    return m[1];
  }

  it('stop-with-savepoint at parallelism 2, restore at 3 and at 1: exact keyed counts and source positions', { timeout: 180_000 }, async () => {
    const mark = cluster.logMark();
    const jobId = await startRunning(['-p', '2', JOB, '--output', out('p2')]);
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', path.join(tmp, 'savepoints')]);
    expect(stop.code, `stream-submit stop: ${stop.stdout}${stop.stderr}\n${cluster.logSince(mark)}`).toBe(0);
    const sp = savepointPath(stop.stdout);
    expect(sp.startsWith(path.join(tmp, 'savepoints'))).toBe(true);
    expect(await cluster.jobState(jobId)).toBe('FINISHED');
    const before = records('p2').length;
    expect(before).toBeGreaterThan(0);
    // More committed records than the source has would be duplicates (CI saw 31,095 of 30,000
    // when a periodic checkpoint after the stop restarted the job, fixed 2026-12-04): say which
    // updates repeat, in which files, and what was logged.
    expect(before, before >= COUNT ? `${before} committed records of ${COUNT} inputs: ${committedDuplicates(out('p2'))}\n${cluster.logSince(mark)}` : undefined).toBeLessThan(COUNT);

    for (const [p, dir] of [['3', 'p3'], ['1', 'p1']] as const) {
      const res = await cluster.cli(['-p', p, '-s', sp, JOB, '--output', out(dir)]);
      expect(res.code).toBe(0);
      const check = checkRunningSums(records('p2', dir), COUNT, 10);
      expect(check.problems).toEqual([]);
    }

    const inspect = await cluster.cli(['savepoint', '--inspect', sp]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/sums\s+2\s+128\s+.*rolling \(keyed, 10 keys\)/);
    expect(inspect.stdout).toMatch(/source\s+2\s+128\s+.*splits \(list, 2 entries\)/);
  });

  it('a savepoint while running (the job goes on), restored into a job using Redis storage and back to files', { timeout: 180_000 }, async () => {
    const jobId = await startRunning(['-p', '2', JOB, '--output', out('fs1'), '--count', String(COUNT)]);
    const sp1 = await cluster.cli(['savepoint', jobId, path.join(tmp, 'fs-savepoints')]);
    expect(sp1.code).toBe(0);
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
    await cluster.cli(['cancel', jobId]);
    await cluster.waitForJobState(jobId, 'CANCELED');

    // from a file savepoint into a job checkpointing to Redis, then a savepoint into Redis
    const redisJob = await startRunning(['-p', '2', '-s', savepointPath(sp1.stdout), JOB, '--output', out('redis'), '--storage', `${redis.url}/cp`]);
    const redisSp = await stopWithSavepoint(redisJob, `${redis.url}/savepoints`);
    expect(redisSp).toMatch(/^redis:\/\//);

    // and from the Redis savepoint back into a job with file storage, to the end
    const back = await cluster.cli(['-p', '2', '-s', redisSp, JOB, '--output', out('fs2')]);
    expect(back.code).toBe(0);
    // The first job kept committing at its checkpoints after sp1, and the Redis run replays
    // from sp1, so updates between the two appear twice; the state itself must carry over
    // exactly: every key ends at its exact total.
    const fs1UpToSavepoint = readCommittedRecords<[string, number]>(out('fs1'));
    const check = checkRunningSums([...fs1UpToSavepoint, ...records('redis', 'fs2')], COUNT, 10);
    expect(check.finalSumsExact).toBe(true);
  });

  it('state of a removed operator fails the submission naming it, unless --allow-non-restored-state', { timeout: 120_000 }, async () => {
    const jobId = await startRunning(['-p', '2', JOB, '--output', out('n1')]);
    const sp = await stopWithSavepoint(jobId, path.join(tmp, 'n-savepoints'));
    const jobsBefore = (await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length;

    const refused = await cluster.cli(['-p', '2', '-s', sp, JOB, '--output', out('n2'), '--without-sums']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.trim().split('\n').pop()).toMatch(/state of operator\(s\) 'sums' that the job does not have.*--allow-non-restored-state/);
    expect((await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length).toBe(jobsBefore);

    const allowed = await cluster.cli(['-p', '2', '-n', '-s', sp, JOB, '--output', out('n2'), '--without-sums']);
    expect(allowed.code).toBe(0);
    // The source continued exactly where it stopped: run 2 passes through every record run 1
    // did not consume, each once. With parallelism 2 the splits are [1, 15000] and
    // [15001, 30000], so run 2's values are the tail of each split.
    const consumed = records('n1').length;
    const values = records('n2').map(([, v]) => v).sort((a, b) => a - b);
    expect(new Set(values).size).toBe(values.length);
    expect(consumed + values.length).toBe(COUNT);
    const half = COUNT / 2;
    const tail = (from: number, to: number) => values.filter((v) => v >= from && v <= to);
    for (const [from, to] of [[1, half], [half + 1, COUNT]]) {
      const t = tail(from, to);
      expect(t.length === 0 || (t[t.length - 1] === to && t.length === to - t[0] + 1)).toBe(true);
    }
  });

  it('bad savepoints: one clear error, non-zero exit, nothing started', { timeout: 60_000 }, async () => {
    const jobsBefore = (await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length;
    const expectRefused = async (spPath: string, pattern: RegExp) => {
      const res = await cluster.cli(['-s', spPath, JOB, '--output', out('never')]);
      expect(res.code).not.toBe(0);
      const errors = res.stderr.split('\n').filter((l) => l.startsWith('Error'));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(pattern);
    };
    await expectRefused(path.join(tmp, 'does-not-exist'), /No checkpoint or savepoint at/);
    const notSp = path.join(tmp, 'not-a-savepoint');
    fs.mkdirSync(notSp, { recursive: true });
    fs.writeFileSync(path.join(notSp, '_metadata'), 'hello');
    await expectRefused(notSp, /is not checkpoint metadata/);

    // a real savepoint with one state file altered
    const jobId = await startRunning(['-p', '2', JOB, '--output', out('c1')]);
    const sp = await stopWithSavepoint(jobId, path.join(tmp, 'c-savepoints'));
    // keyed state cannot move to another number of key groups
    const changed = await cluster.cli(['-s', sp, JOB, '--output', out('never'), '--max-parallelism', '64']);
    expect(changed.code).not.toBe(0);
    expect(changed.stderr).toMatch(/Operator 'sums' has keyed state written with maxParallelism 128, but the job gives it maxParallelism 64.*setMaxParallelism\(128\)/);
    const stateFile = fs.readdirSync(sp).find((f) => f.endsWith('.state'))!;
    const bytes = fs.readFileSync(path.join(sp, stateFile));
    bytes[0] ^= 0xff;
    fs.writeFileSync(path.join(sp, stateFile), bytes);
    await expectRefused(sp, /Savepoint .* is corrupt/);
    expect((await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length).toBe(jobsBefore + 1);
    const inspect = await cluster.cli(['savepoint', '--inspect', sp]);
    expect(inspect.code).not.toBe(0);
    expect(inspect.stderr).toMatch(/corrupt/);
  });

  it('stop --drain fires the windows still open: every record consumed is in a committed window result', { timeout: 120_000 }, async () => {
    const jobId = await startRunning([path.join(__dirname, 'jobs', 'drain-windows.js'), '--output', out('drain')]);
    // run into the second 60 s event-time window (6,000 records each), then stop with drain
    await waitFor(async () => {
      const job = await cluster.rest<{ vertices: Array<{ metrics: { 'write-records': number } }> }>(`/jobs/${jobId}`);
      return job.vertices[0].metrics['write-records'] > 7_000;
    }, { timeoutMs: 60_000, message: 'the source to pass 7,000 records' });
    const mark = cluster.logMark();
    const stop = await cluster.cli(['stop', jobId, '--drain', '--savepoint-dir', path.join(tmp, 'drain-savepoints')]);
    expect(stop.code, `stream-submit stop: ${stop.stdout}${stop.stderr}\n${cluster.logSince(mark)}`).toBe(0);
    expect(await cluster.jobState(jobId)).toBe('FINISHED');

    // how many records the source emitted before the savepoint: its split positions
    const { metadata, directory } = await readMetadata(savepointPath(stop.stdout));
    let consumed = 0;
    for (const v of metadata.vertices)
      for (const h of v.handles) {
        const splits = decodeTaskState(await readTaskState(directory, h), h.location).operators.source?.list?.splits as Array<{ next: number; stride: number }> | undefined;
        // a fresh job's subtask s has one split: indices s, s + stride, ... up to next
        for (const split of splits ?? []) consumed += (split.next - h.subtask) / split.stride;
      }
    const results = records('drain') as unknown as Array<[string, number, number]>;
    expect(results.reduce((n, r) => n + r[1], 0)).toBe(consumed);
    // the second window was open: its (partial) counts are there because of the drain
    expect(results.some((r) => r[1] < 1_200)).toBe(true);
  });

  it('savepoint of an unknown or finished job is a clear error', async () => {
    const unknown = await cluster.cli(['savepoint', 'f'.repeat(32)]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/not found/);
    const res = await cluster.cli([JOB, '--output', out('done'), '--count', '10', '--rate', '1000']);
    const jobId = jobIdFrom(res.stdout);
    await waitFor(async () => (await cluster.jobState(jobId)) === 'FINISHED');
    const late = await cluster.cli(['savepoint', jobId]);
    expect(late.code).not.toBe(0);
    expect(late.stderr).toMatch(/is FINISHED: a savepoint can only be taken of a RUNNING job/);
  });
});
