import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from './wait-for';
import { testWorkingDirectory } from './test-working-directory';

const live = new Set<ManagedProcess>();
process.on('exit', () => {
  for (const p of live) p.kill('SIGKILL');
});

/**
 * A child process a test started: its output is captured, it is killed by its own pid only,
 * and it never outlives the test run.
 */
export class ManagedProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv = {},
    /**
     * `cwd`: the test run's temp working directory unless given (never the checkout).
     * `detached`: the child leads its own process group, as a terminal's foreground job does (see signalGroup).
     */
    options: { cwd?: string; detached?: boolean } = {},
  ) {
    this.child = spawn(command, args, { env: { ...process.env, SLUICE_LOG_LEVEL: 'info', ...env }, stdio: ['pipe', 'pipe', 'pipe'], ...options, cwd: options.cwd ?? testWorkingDirectory() });
    this.child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.stdout += d));
    this.child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      this.stderr += d;
      if (process.env.SLUICE_TEST_VERBOSE) process.stderr.write(`[${this.name}] ${d}`);
    });
    live.add(this);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code) => {
        live.delete(this);
        resolve(code);
      }),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  waitForStdout(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    return waitFor(() => pattern.exec(this.stdout), { timeoutMs, message: () => `${this.name} stdout to match ${pattern}; stdout so far:\n${this.stdout.slice(-2000)}\nstderr:\n${this.stderr.slice(-2000)}` });
  }

  waitForStderr(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    return waitFor(() => pattern.exec(this.stderr), { timeoutMs, message: () => `${this.name} stderr to match ${pattern}; stderr so far:\n${this.stderr.slice(-2000)}` });
  }

  /** A terminal's Ctrl-C: the signal to the child's whole process group (it must have been started `detached`). */
  signalGroup(signal: NodeJS.Signals): void {
    if (this.running) process.kill(-this.pid, signal);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    if (this.running) process.kill(this.pid, signal);
  }

  /** SIGTERM, then SIGKILL if it has not exited in time. */
  async stop(timeoutMs = 5_000): Promise<void> {
    if (!this.running) return;
    this.kill('SIGTERM');
    const t = setTimeout(() => this.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(t);
  }
}
