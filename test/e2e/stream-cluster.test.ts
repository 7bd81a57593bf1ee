import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, runCli, jobIdFrom } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { waitFor } from '../harness/wait-for';

const CLUSTER = path.join(DIST, 'deploy', 'stream-cluster.js');
const UNBOUNDED = path.join(__dirname, 'jobs', 'unbounded.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `stream-cluster start` as a user runs it in a terminal (its own process group, which gets the
 * terminal's Ctrl-C): Ctrl-C stops the JobManager first, so a running job is suspended in the HA
 * store (never FAILED) and resumes on the next start; `stream-cluster stop` stops it from another
 * shell and leaves no process behind.
 */
describe('stream-cluster (multi-process)', () => {
  let tmp: string;
  let dataDir: string;
  const started: ManagedProcess[] = [];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-stream-cluster-'));
    dataDir = path.join(tmp, 'data');
  });
  afterEach(async () => {
    for (const p of started.splice(0)) await p.stop();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  async function start(): Promise<{ proc: ManagedProcess; rpc: string; rest: string }> {
    const proc = new ManagedProcess('stream-cluster', process.execPath, [CLUSTER, 'start', '--rpc-port', '0', '--rest-port', '0', '--data-dir', dataDir, '--taskmanagers', '2', '--slots', '1'], {}, { cwd: tmp, detached: true });
    started.push(proc);
    const [, rpc] = await proc.waitForStdout(/rpc=(\S+) rest=/);
    const [, rest] = await proc.waitForStdout(/Dashboard and REST API: (\S+)/);
    await waitFor(async () => ((await (await fetch(`${rest}/taskmanagers`)).json()) as { taskmanagers: unknown[] }).taskmanagers.length === 2, { message: '2 TaskManagers' });
    return { proc, rpc, rest };
  }

  async function jobState(rest: string, jobId: string): Promise<string> {
    return ((await (await fetch(`${rest}/jobs/${jobId}`)).json()) as { state: string }).state;
  }

  it('Ctrl-C stops the JobManager first: the job is suspended, not FAILED, and resumes on the next start; stream-cluster stop stops it all', { timeout: 120_000 }, async () => {
    const first = await start();
    const submitted = await runCli(['--detached', UNBOUNDED], { jobmanager: first.rpc });
    const jobId = jobIdFrom(submitted.stdout);
    await waitFor(async () => (await jobState(first.rest, jobId)) === 'RUNNING', { message: 'the job running' });
    const pids = JSON.parse(fs.readFileSync(path.join(dataDir, 'stream-cluster.pid'), 'utf8')) as { jobManager: number; taskManagers: number[] };
    expect(pids.taskManagers).toHaveLength(2);

    first.proc.signalGroup('SIGINT'); // what the terminal does on Ctrl-C
    expect(await first.proc.exited).toBe(0);
    const log = first.proc.stdout + first.proc.stderr;
    expect(log).toMatch(/Stopping the cluster: the JobManager first/);
    expect(log).toMatch(/Received SIGTERM; stopping \(jobs stay in the HA store/);
    expect(log).not.toMatch(/FAILED/);
    for (const pid of [pids.jobManager, ...pids.taskManagers]) expect(alive(pid), `pid ${pid} still runs`).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'stream-cluster.pid'))).toBe(false);

    const second = await start();
    await waitFor(async () => (await jobState(second.rest, jobId)) === 'RUNNING', { message: 'the job resumed' });
    // The second start says that it resumed a job, and how to start clean instead.
    await second.proc.waitForStdout(/Resumed 1 job\(s\) from the previous run, kept in \S+: '[^']+'\. To start clean instead: stream-cluster stop --data-dir \S+, then delete \S+\./);
    expect(first.proc.stdout).not.toMatch(/Resumed \d+ job/);
    const again = JSON.parse(fs.readFileSync(path.join(dataDir, 'stream-cluster.pid'), 'utf8')) as { jobManager: number; taskManagers: number[] };

    const stop = new ManagedProcess('stream-cluster-stop', process.execPath, [CLUSTER, 'stop', '--data-dir', dataDir], {}, { cwd: tmp });
    expect(await stop.exited).toBe(0);
    expect(stop.stdout).toContain('Stopped the cluster');
    expect(await second.proc.exited).toBe(0);
    for (const pid of [again.jobManager, ...again.taskManagers]) expect(alive(pid), `pid ${pid} still runs`).toBe(false);
  });

  it('refuses a second cluster on the same data directory, stop without a cluster, and bad options, with one line each', async () => {
    const nothing = new ManagedProcess('stream-cluster-stop', process.execPath, [CLUSTER, 'stop', '--data-dir', path.join(tmp, 'none')], {}, { cwd: tmp });
    expect(await nothing.exited).toBe(2);
    expect(nothing.stderr).toMatch(/^stream-cluster: no cluster runs with data directory .*none/);
    const bad = new ManagedProcess('stream-cluster-bad', process.execPath, [CLUSTER, 'start', '--taskmanagers', 'two'], {}, { cwd: tmp });
    expect(await bad.exited).toBe(2);
    expect(bad.stderr).toBe("stream-cluster: --taskmanagers: expected an integer in [1, 64], got 'two'\n");
    const version = new ManagedProcess('stream-cluster-version', process.execPath, [CLUSTER, '--version'], {}, { cwd: tmp });
    expect(await version.exited).toBe(0);
    expect(version.stdout).toMatch(/^stream-cluster \d+\.\d+\.\d+/);

    const first = await start();
    const second = new ManagedProcess('stream-cluster-2', process.execPath, [CLUSTER, 'start', '--rpc-port', '0', '--rest-port', '0', '--data-dir', dataDir], {}, { cwd: tmp });
    expect(await second.exited).toBe(2);
    expect(second.stderr).toMatch(/already runs with data directory/);
    first.proc.signalGroup('SIGINT');
    expect(await first.proc.exited).toBe(0);
  });
});
