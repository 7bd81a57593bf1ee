import * as path from 'node:path';
import { ManagedProcess } from './managed-process';
import { waitFor } from './wait-for';

import * as fs from 'node:fs';
import * as os from 'node:os';

/** The repository root, found from source (test/harness) and from dist (dist/test/harness). */
function findRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') dir = path.dirname(dir);
  return dir;
}

export const ROOT = findRoot();
export const DIST = path.join(ROOT, 'dist');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `stream-submit` as its own process. */
export async function runCli(args: string[], opts: { jobmanager?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  const full = opts.jobmanager ? ['--jobmanager', opts.jobmanager, ...args] : args;
  const p = new ManagedProcess('stream-submit', process.execPath, [path.join(DIST, 'client', 'cli', 'stream-submit.js'), ...full], opts.env);
  p.child.stdin!.end();
  const timeoutMs = opts.timeoutMs ?? 60_000;
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    p.kill('SIGKILL');
  }, timeoutMs);
  const code = await p.exited;
  clearTimeout(timer);
  return { code, stdout: p.stdout, stderr: killed ? `${p.stderr}\n(stream-submit killed after ${timeoutMs} ms without exiting)` : p.stderr };
}

/**
 * A JobManager and TaskManagers as separate OS processes on free loopback ports.
 * Tests reach it through gRPC (the CLI) and REST.
 */
export class TestCluster {
  readonly taskManagers: ManagedProcess[] = [];
  rpcAddress = '';
  restUrl = '';

  private constructor(
    public jobManager: ManagedProcess,
    /** The JobManager's data directory (checkpoints, savepoints, uploaded jars), removed on stop. */
    readonly dataDir: string,
  ) {}

  static async start(opts: { taskManagers?: number; slots?: number; jobManagerArgs?: string[] } = {}): Promise<TestCluster> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-jm-'));
    const jm = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--rpc-port', '0', '--rest-port', '0', '--data-dir', dataDir, ...(opts.jobManagerArgs ?? [])]);
    const cluster = new TestCluster(jm, dataDir);
    const m = await jm.waitForStdout(/rpc=(\S+) rest=(\S+)/);
    cluster.rpcAddress = m[1];
    cluster.restUrl = m[2];
    const n = opts.taskManagers ?? 2;
    for (let i = 0; i < n; i++) cluster.addTaskManager(opts.slots ?? 2);
    await cluster.waitForTaskManagers(n);
    return cluster;
  }

  /** Starts a TaskManager; its resource id is its process name (`taskmanager-<n>` unless given). */
  addTaskManager(slots = 2, id = `taskmanager-${this.taskManagers.length + 1}`, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): ManagedProcess {
    const args = [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', this.rpcAddress, '--slots', String(slots), '--id', id, ...extraArgs];
    const tm = new ManagedProcess(id, process.execPath, args, env);
    this.taskManagers.push(tm);
    return tm;
  }

  async waitForTaskManagers(count: number, timeoutMs = 20_000): Promise<void> {
    await waitFor(async () => ((await this.rest<{ taskmanagers: unknown[] }>('/taskmanagers')).taskmanagers.length === count ? true : undefined), {
      timeoutMs,
      message: `${count} registered TaskManagers`,
    });
  }

  /**
   * kill -9 of the JobManager (or the signal given), then a new JobManager process on the same
   * ports and data directory (its HA store), as an operator restarting a crashed JobManager would.
   */
  async restartJobManager(extraArgs: string[] = [], signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    this.jobManager.kill(signal);
    await this.jobManager.exited;
    const rpcPort = this.rpcAddress.split(':').pop()!;
    const restPort = new URL(this.restUrl).port;
    this.jobManager = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--rpc-port', rpcPort, '--rest-port', restPort, '--data-dir', this.dataDir, ...extraArgs]);
    await this.jobManager.waitForStdout(/rpc=(\S+) rest=(\S+)/);
  }

  /** kill -9 of one TaskManager this cluster started, by its pid. */
  killTaskManager(tm: ManagedProcess): void {
    tm.kill('SIGKILL');
  }

  async checkpoints(jobId: string): Promise<CheckpointsView> {
    return this.rest<CheckpointsView>(`/jobs/${jobId}/checkpoints`);
  }

  /** Waits until the job has completed a checkpoint with an id above `afterId`; returns its id. */
  async waitForCheckpointAfter(jobId: string, afterId: number, timeoutMs = 30_000): Promise<number> {
    return waitFor(
      async () => {
        const id = (await this.checkpoints(jobId)).latest.completed?.id ?? 0;
        return id > afterId ? id : undefined;
      },
      { timeoutMs, message: `job ${jobId} to complete a checkpoint after ${afterId}` },
    );
  }

  async rest<T = unknown>(urlPath: string, init?: RequestInit): Promise<T> {
    const res = await fetch(this.restUrl + urlPath, init);
    return (await res.json()) as T;
  }

  async jobState(jobId: string): Promise<string> {
    return (await this.rest<{ state: string }>(`/jobs/${jobId}`)).state;
  }

  async waitForJobState(jobId: string, state: string | string[], timeoutMs = 30_000): Promise<void> {
    const wanted = Array.isArray(state) ? state : [state];
    let last = '';
    await waitFor(
      async () => {
        last = await this.jobState(jobId);
        return wanted.includes(last);
      },
      { timeoutMs, message: () => `job ${jobId} to reach ${wanted.join('|')} (last: ${last})` },
    );
  }

  cli(args: string[], opts: { timeoutMs?: number } = {}): Promise<CliResult> {
    return runCli(args, { jobmanager: this.rpcAddress, timeoutMs: opts.timeoutMs });
  }

  /** A mark of how much the JobManager and each TaskManager have logged so far, for logSince(). */
  logMark(): number[] {
    return [this.jobManager, ...this.taskManagers].map((p) => p.stderr.length);
  }

  /**
   * What the JobManager and each TaskManager logged after the mark: context for an assertion on
   * something that did not happen in time (e.g. a stop-with-savepoint that never returned). The
   * routine lines of completed periodic checkpoints are counted, not shown: at a 300 ms interval
   * they push everything else out of any tail.
   */
  logSince(mark: number[], maxLines = 120): string {
    return [this.jobManager, ...this.taskManagers]
      .map((p, i) => {
        const routine: string[] = [];
        const rest: string[] = [];
        for (const l of p.stderr.slice(mark[i] ?? 0).split('\n')) if (l !== '') (/ Completed checkpoint \d+ /.test(l) ? routine : rest).push(l);
        const shown = rest.length > maxLines ? [...rest.slice(0, maxLines / 2), `... (${rest.length - maxLines} lines)`, ...rest.slice(-maxLines / 2)] : rest;
        const checkpoints = routine.length > 0 ? ` (${routine.length} completed checkpoints not shown, the last: ${routine[routine.length - 1]})` : '';
        return `--- ${p.name}: stderr since the mark${checkpoints}\n${shown.join('\n')}`;
      })
      .join('\n');
  }

  /** All TaskManagers' stdout, where print() sinks write. */
  printed(): string {
    return this.taskManagers.map((t) => t.stdout).join('');
  }

  /** A mark of how much each TaskManager has printed so far, for printedSince(). */
  stdoutMark(): number[] {
    return this.taskManagers.map((t) => t.stdout.length);
  }

  /** What the TaskManagers printed after the mark (each process's output cut separately). */
  printedSince(mark: number[]): string {
    return this.taskManagers.map((t, i) => t.stdout.slice(mark[i] ?? 0)).join('');
  }

  async stop(): Promise<void> {
    await Promise.all(this.taskManagers.map((t) => t.stop()));
    await this.jobManager.stop();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface CheckpointsView {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  latest: {
    completed: { id: number; external_path: string; state_size: number; end_to_end_duration: number } | null;
    savepoint: { id: number; external_path: string } | null;
    restored: { id: number; external_path: string; is_savepoint: boolean } | null;
    failed: { id: number; failure_message: string } | null;
  };
  history: Array<{ id: number; status: string }>;
}

export function jobIdFrom(stdout: string): string {
  const m = /Job has been submitted with JobID ([0-9a-f]{32})/.exec(stdout);
  if (!m) throw new Error(`no job id in CLI output: ${stdout}`);
  return m[1];
}
