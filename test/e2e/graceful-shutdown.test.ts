import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, TestCluster, jobIdFrom } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');


async function status(url: string): Promise<{ code: number; body: unknown }> {
  const res = await fetch(url);
  return { code: res.status, body: await res.json() };
}

/**
 * SIGTERM is a graceful stop: a TaskManager leaves at once (a failover from the last
 * checkpoint, no data lost) and exits in bounded time; a JobManager exits and the next one on
 * the same HA store resumes the job. The exactly-once output proves nothing was lost or doubled.
 */
describe('graceful shutdown (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 0 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-graceful-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function submit(name: string, count: number): Promise<{ jobId: string; out: string }> {
    const out = path.join(tmp, name);
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '2500', '--interval', '200']);
    expect(res.stderr).not.toMatch(/Error/);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    return { jobId, out };
  }

  function expectExactlyOnce(out: string, count: number): void {
    const check = checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10);
    expect(check.problems).toEqual([]);
    expect(check.exact).toBe(true);
  }

  it('SIGTERM on a TaskManager: it deregisters at once, exits in bounded time, the job fails over without loss; /readyz follows registration', { timeout: 120_000 }, async () => {
    // Not registered (no JobManager answers at its address): alive, but not ready.
    const lonelyHealth = await freePort();
    const lonely = new ManagedProcess('tm-lonely', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', `127.0.0.1:${await freePort()}`, '--health-port', String(lonelyHealth)]);
    try {
      await waitFor(() => status(`http://127.0.0.1:${lonelyHealth}/healthz`).then((r) => r.code === 200), { message: 'the unregistered TaskManager health port' });
      const readiness = await status(`http://127.0.0.1:${lonelyHealth}/readyz`);
      expect(readiness.code).toBe(503);
      expect(readiness.body).toMatchObject({ ready: false });
    } finally {
      await lonely.stop();
    }

    const healthPort = await freePort();
    const first = cluster.addTaskManager(1, 'tm-health', ['--health-port', String(healthPort), '--shutdown-timeout-ms', '8000']);
    cluster.addTaskManager(1, 'tm-b');
    await cluster.waitForTaskManagers(2);
    expect(await status(`http://127.0.0.1:${healthPort}/healthz`)).toEqual({ code: 200, body: { status: 'UP' } });
    expect(await status(`http://127.0.0.1:${healthPort}/readyz`)).toEqual({ code: 200, body: { ready: true, state: 'REGISTERED' } });

    const count = 15_000;
    const { jobId, out } = await submit('tm-sigterm', count);
    await cluster.waitForCheckpointAfter(jobId, 0);
    const t0 = Date.now();
    first.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(8_000);
    expect(first.stderr).toMatch(/received SIGTERM; leaving the cluster/);
    // Gone at once, not after the 10 s heartbeat timeout.
    await cluster.waitForTaskManagers(1, 3_000);
    cluster.addTaskManager(1, 'tm-c');
    await waitFor(async () => (await cluster.checkpoints(jobId)).counts.restored === 1, { timeoutMs: 30_000, message: 'the job restored from a checkpoint' });
    await cluster.waitForJobState(jobId, 'FINISHED', 60_000);
    expectExactlyOnce(out, count);
  });

  it('SIGTERM on the JobManager: it exits 0, and a JobManager restarted on the same HA store resumes the job', { timeout: 120_000 }, async () => {
    expect(await status(`${cluster.restUrl}/readyz`)).toEqual({ code: 200, body: { ready: true, leader: true } });
    const count = 15_000;
    const { jobId, out } = await submit('jm-sigterm', count);
    await cluster.waitForCheckpointAfter(jobId, 0);
    const old = cluster.jobManager;
    await cluster.restartJobManager([], 'SIGTERM');
    expect(await old.exited).toBe(0);
    expect(old.stderr).toMatch(/Received SIGTERM; stopping \(jobs stay in the HA store/);
    expect(old.stderr).not.toMatch(new RegExp(`${jobId}.*(FAILED|CANCELED)`));
    await cluster.waitForTaskManagers(2);
    await cluster.waitForJobState(jobId, 'FINISHED', 60_000);
    expect((await cluster.checkpoints(jobId)).counts.restored).toBeGreaterThanOrEqual(1);
    expectExactlyOnce(out, count);
  });
});
