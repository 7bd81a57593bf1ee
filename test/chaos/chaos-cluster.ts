import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { freePort } from '../harness/redis-server';

/** Log level of the processes a chaos run starts: their output is kept in memory for the report. */
const PROCESS_ENV = { SLUICE_LOG_LEVEL: 'warn' };

/**
 * The processes of one chaos run, all on loopback and all started here: a JobManager with a
 * file HA store in its data directory, TaskManagers, and optionally a redis-server for
 * checkpoint storage. Every kill is by the pid of a process started here.
 */
export class ChaosCluster {
  jobManager!: ManagedProcess;
  readonly taskManagers: ManagedProcess[] = [];
  rpcAddress = '';
  restUrl = '';
  redis: ManagedProcess | undefined;
  redisPort = 0;
  private taskManagersStarted = 0;
  /** Processes that ended (killed ones included), for the logs of a failed run. */
  readonly ended: ManagedProcess[] = [];

  constructor(
    readonly dir: string,
    private readonly slotsPerTaskManager: number,
  ) {}

  private get dataDir(): string {
    return path.join(this.dir, 'jobmanager');
  }

  /** A first JobManager on free ports; restarts reuse them. */
  async startJobManager(): Promise<void> {
    const rpcPort = this.rpcAddress ? this.rpcAddress.split(':').pop()! : '0';
    const restPort = this.restUrl ? new URL(this.restUrl).port : '0';
    this.jobManager = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--rpc-port', rpcPort, '--rest-port', restPort, '--data-dir', this.dataDir], PROCESS_ENV, { cwd: this.dir });
    const m = await this.jobManager.waitForStdout(/rpc=(\S+) rest=(\S+)/, 30_000);
    this.rpcAddress = m[1];
    this.restUrl = m[2];
  }

  /** kill -9 of the JobManager, then a new one on the same ports and HA store. */
  async killAndRestartJobManager(): Promise<void> {
    await this.kill(this.jobManager);
    await this.startJobManager();
  }

  startTaskManager(): ManagedProcess {
    const id = `taskmanager-${++this.taskManagersStarted}`;
    const tm = new ManagedProcess(id, process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', this.rpcAddress, '--slots', String(this.slotsPerTaskManager), '--id', id], PROCESS_ENV, { cwd: this.dir });
    this.taskManagers.push(tm);
    return tm;
  }

  /** kill -9 of one TaskManager and a replacement with a new id; the killed one's id. */
  async killAndReplaceTaskManager(index: number): Promise<string> {
    const [victim] = this.taskManagers.splice(index, 1);
    await this.kill(victim);
    this.startTaskManager();
    return victim.name;
  }

  /** A redis-server with an fsync-always append-only file, so a kill -9 loses nothing it acknowledged. */
  async startRedis(): Promise<void> {
    if (this.redisPort === 0) this.redisPort = await freePort();
    const dir = path.join(this.dir, 'redis');
    fs.mkdirSync(dir, { recursive: true });
    this.redis = new ManagedProcess('redis-server', 'redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', ''], {}, { cwd: dir });
    await this.redis.waitForStdout(/Ready to accept connections/i, 15_000);
  }

  async killRedis(): Promise<void> {
    if (this.redis) await this.kill(this.redis);
  }

  /** A Redis that hangs instead of refusing (SIGSTOP): clients see timeouts, not errors. */
  freezeRedis(): void {
    this.redis?.kill('SIGSTOP');
  }

  thawRedis(): void {
    this.redis?.kill('SIGCONT');
  }

  get redisUrl(): string {
    return `redis://127.0.0.1:${this.redisPort}/0`;
  }

  async rest<T>(urlPath: string): Promise<T> {
    const res = await fetch(this.restUrl + urlPath, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`GET ${urlPath}: ${res.status}`);
    return (await res.json()) as T;
  }

  /** Every process this run started that still runs, stopped (SIGTERM, then SIGKILL). */
  async stop(): Promise<void> {
    this.thawRedis();
    await Promise.all(this.taskManagers.map((t) => t.stop()));
    await this.jobManager?.stop();
    await this.redis?.stop();
  }

  private async kill(p: ManagedProcess): Promise<void> {
    p.kill('SIGKILL');
    await p.exited;
    this.ended.push(p);
  }
}
