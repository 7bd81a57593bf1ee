import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');

interface Exceptions {
  'root-exception': string | null;
  exceptionHistory: { entries: Array<{ exceptionName: string; stacktrace: string }> };
}

/** [key, runningSum] pairs committed more than once: each is a duplicate a sink delivered. */
function duplicates(records: Array<[string, number]>): string[] {
  const seen = new Set<string>();
  const dups: string[] = [];
  for (const [k, s] of records) {
    const id = `${k}:${s}`;
    if (seen.has(id)) dups.push(id);
    seen.add(id);
  }
  return dups;
}

/**
 * Regression tests of issue 12's checkpoint bugs, with real processes: a corrupt latest
 * checkpoint must never turn into a silent replay from scratch, and a savepoint target that
 * fails or never answers must not hold back the job's checkpoints.
 */
describe('checkpoint guarantees under bad storage (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-guarantees-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('corrupt latest _metadata (retention 1) + kill -9 of a TaskManager: the job fails with the cause, never restarts empty, no duplicates', { timeout: 120_000 }, async () => {
    const out = path.join(tmp, 'corrupt-out');
    const storage = path.join(tmp, 'corrupt-checkpoints');
    // A long interval, so no newer checkpoint replaces the corrupted one before the restart reads it.
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', '1000000', '--rate', '3000', '--interval', '4000', '--retained', '1', '--storage', `file://${storage}`]);
    const jobId = jobIdFrom(res.stdout);
    const latest = await cluster.waitForCheckpointAfter(jobId, 1, 60_000);
    await waitFor(() => readCommittedRecords(out).length > 0, { timeoutMs: 20_000, message: 'committed output' });
    fs.writeFileSync(path.join(storage, jobId, `chk-${latest}`, '_metadata'), 'garbage, not checkpoint metadata');
    const victim = cluster.taskManagers.filter((t) => t.running)[0];
    cluster.killTaskManager(victim);
    await victim.exited;
    cluster.addTaskManager(1);

    await cluster.waitForJobState(jobId, 'FAILED', 60_000);
    const exceptions = await cluster.rest<Exceptions>(`/jobs/${jobId}/exceptions`);
    expect(exceptions['root-exception']).toMatch(/No retained checkpoint can be restored.*checkpoint \d+: .*not checkpoint metadata/);
    expect(exceptions['root-exception']).toMatch(/setNumRetainedCheckpoints|-s PATH/);
    expect(exceptions.exceptionHistory.entries.map((e) => e.exceptionName)).toContain('NoRestorableCheckpointError');
    expect((await cluster.checkpoints(jobId)).counts.restored).toBe(0);
    const committed = readCommittedRecords<[string, number]>(out);
    expect(committed.length).toBeGreaterThan(0);
    expect(duplicates(committed)).toEqual([]);
  });

  it('a savepoint to /proc fails at once with one clear line, and checkpoints go on completing', { timeout: 120_000 }, async () => {
    const res = await cluster.cli(['--detached', JOB, '--output', path.join(tmp, 'proc-out'), '--count', '1000000', '--rate', '2000', '--interval', '300']);
    const jobId = jobIdFrom(res.stdout);
    const before = await cluster.waitForCheckpointAfter(jobId, 0);
    const started = Date.now();
    const sp = await cluster.cli(['savepoint', jobId, '/proc/x'], { timeoutMs: 30_000 });
    expect(sp.code).toBe(1);
    expect(sp.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: The savepoint directory file:\/\/\/proc\/x cannot be written: .*ENOENT/)]);
    expect(Date.now() - started).toBeLessThan(15_000);
    await cluster.waitForCheckpointAfter(jobId, before + 2, 20_000);
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
    await cluster.cli(['cancel', jobId]);
    await cluster.waitForJobState(jobId, 'CANCELED');
  });

  it('a savepoint target that never answers is refused within its probe bound, and checkpoints complete meanwhile', { timeout: 120_000 }, async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // a "Redis" that accepts and never replies
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const res = await cluster.cli(['--detached', JOB, '--output', path.join(tmp, 'silent-out'), '--count', '1000000', '--rate', '2000', '--interval', '300']);
      const jobId = jobIdFrom(res.stdout);
      const before = await cluster.waitForCheckpointAfter(jobId, 0);
      const pending = cluster.cli(['savepoint', jobId, `redis://127.0.0.1:${port}/0/savepoints`], { timeoutMs: 40_000 });
      // While the savepoint waits on its target, periodic checkpoints still complete.
      await cluster.waitForCheckpointAfter(jobId, before + 3, 20_000);
      const sp = await pending;
      expect(sp.code).toBe(1);
      expect(sp.stderr).toMatch(/^Error: The savepoint directory redis:\/\/127\.0\.0\.1:\d+\/0\/savepoints cannot be written: .*(did not answer within 10 s|unreachable)/);
      expect(await cluster.jobState(jobId)).toBe('RUNNING');
      await cluster.cli(['cancel', jobId]);
      await cluster.waitForJobState(jobId, 'CANCELED');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
