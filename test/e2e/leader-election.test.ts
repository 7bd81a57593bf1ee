import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, runCli, jobIdFrom } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { TestRedis, freePort } from '../harness/redis-server';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');

interface JobManagerProcess {
  process: ManagedProcess;
  rpc: string;
  rest: string;
}

/** Two JobManagers on one Redis HA store: one leads, the other takes over when it dies. */
describe('JobManager leader election (multi-process)', () => {
  let redis: TestRedis;
  let tmp: string;
  const processes: ManagedProcess[] = [];

  beforeAll(async () => {
    redis = await TestRedis.start();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-le-'));
  });

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await redis?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function startJobManager(name: string): Promise<JobManagerProcess> {
    const [rpcPort, restPort] = [await freePort(), await freePort()];
    const p = new ManagedProcess(name, process.execPath, [
      path.join(DIST, 'jobmanager', 'main.js'),
      '--rpc-port', String(rpcPort),
      '--rest-port', String(restPort),
      '--data-dir', path.join(tmp, name),
      '--ha-store', `${redis.url}/ha`,
      '--checkpoint-storage', `file://${path.join(tmp, 'checkpoints')}`,
    ]);
    processes.push(p);
    await p.waitForStdout(/rpc=\S+ rest=\S+/);
    return { process: p, rpc: `127.0.0.1:${rpcPort}`, rest: `http://127.0.0.1:${restPort}` };
  }

  const restStatus = async (jm: JobManagerProcess, urlPath: string) => (await fetch(jm.rest + urlPath)).status;
  const taskManagers = async (jm: JobManagerProcess) => ((await (await fetch(`${jm.rest}/taskmanagers`)).json()) as { taskmanagers: unknown[] }).taskmanagers.length;

  it('one leads; after kill -9 of the leader the standby takes over and the job completes exactly once', { timeout: 180_000 }, async () => {
    const a = await startJobManager('jobmanager-a');
    await waitFor(async () => (await restStatus(a, '/overview')) === 200, { message: 'jobmanager-a to lead' });
    const b = await startJobManager('jobmanager-b');
    expect(await restStatus(b, '/overview')).toBe(503); // standby
    // the probes: both alive, only the leader ready
    expect([await restStatus(a, '/healthz'), await restStatus(b, '/healthz')]).toEqual([200, 200]);
    expect([await restStatus(a, '/readyz'), await restStatus(b, '/readyz')]).toEqual([200, 503]);
    const both = `${a.rpc},${b.rpc}`;
    for (let i = 0; i < 2; i++)
      processes.push(new ManagedProcess(`taskmanager-${i + 1}`, process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', both, '--slots', '1', '--id', `taskmanager-${i + 1}`]));
    await waitFor(async () => (await taskManagers(a)) === 2, { message: 'TaskManagers at the leader' });

    // the client finds the leader whatever order it is given the addresses in
    const out = path.join(tmp, 'out');
    const count = 24_000;
    const submit = await runCli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '3000', '--interval', '300'], { jobmanager: `${b.rpc},${a.rpc}` });
    expect(submit.code).toBe(0);
    const jobId = jobIdFrom(submit.stdout);
    await waitFor(async () => ((await (await fetch(`${a.rest}/jobs/${jobId}/checkpoints`)).json()) as { counts: { completed: number } }).counts.completed >= 2, { message: 'checkpoints at the leader' });

    a.process.kill('SIGKILL');
    await waitFor(async () => (await restStatus(b, '/overview')) === 200, { timeoutMs: 30_000, message: 'jobmanager-b to take over' });
    expect(await restStatus(b, '/readyz')).toBe(200);
    await waitFor(async () => (await taskManagers(b)) === 2, { timeoutMs: 30_000, message: 'TaskManagers at the new leader' });
    // Leadership (and REST) comes first; recovery of the job from the HA store follows it.
    const recovered = new RegExp(`Recovered job 'checkpointed-sum' \\(${jobId}\\)`);
    await waitFor(() => recovered.test(b.process.stderr), { timeoutMs: 30_000, message: 'jobmanager-b to recover the job' });
    await waitFor(async () => ((await (await fetch(`${b.rest}/jobs/${jobId}`)).json()) as { state: string }).state === 'FINISHED', { timeoutMs: 90_000, message: 'the job to finish at the new leader' });
    expect(checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10).problems).toEqual([]);

    const list = await runCli(['list'], { jobmanager: both });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${jobId} : checkpointed-sum (FINISHED)`);
  });
});
