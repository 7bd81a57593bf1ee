import { ManagedProcess } from './managed-process';
import { freePort } from './free-port';

export { freePort };

/** A private redis-server on a free port, for tests that stop and start Redis. */
export class TestRedis {
  private process: ManagedProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<TestRedis> {
    const r = new TestRedis(port ?? (await freePort()));
    await r.restart();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  async restart(): Promise<void> {
    const p = new ManagedProcess('redis-server', 'redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    this.process = p;
    await p.waitForStdout(/Ready to accept connections/i, 10_000);
  }

  async stop(): Promise<void> {
    await this.process?.stop();
  }

  /** An outage that keeps the data: the server stops answering (SIGSTOP) until resume(). */
  pause(): void {
    this.process?.kill('SIGSTOP');
  }

  resume(): void {
    this.process?.kill('SIGCONT');
  }
}
