import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './cluster';
import { run, runOk } from './run-command';
import { waitFor } from './wait-for';

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && fs.existsSync(path.join(dir, binary)));
}

/**
 * Why the Docker tests cannot run here, or undefined when they can: the docker and
 * docker-compose clients must be installed (dockerd too, when no engine answers yet). In CI
 * (`CI` set) a missing tool is a failure, not a skip: .ci/run installs them.
 */
export function dockerMissing(): string | undefined {
  const missing = ['docker', 'docker-compose'].filter((b) => !onPath(b));
  if (missing.length === 0) return undefined;
  const why = `${missing.join(' and ')} not installed (apt-get install docker.io docker-compose debootstrap)`;
  if (process.env.CI) throw new Error(`CI needs Docker for the deployment test: ${why}`);
  return why;
}

/**
 * A Docker engine to talk to: the one that answers already, or a `dockerd` this test starts
 * (and stops again). dockerd picks its storage driver itself (overlay2 where the kernel has
 * it, vfs otherwise).
 */
export class DockerEngine {
  private constructor(private readonly daemon: ChildProcess | undefined) {}

  static async ensure(): Promise<DockerEngine> {
    if ((await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 })).code === 0) return new DockerEngine(undefined);
    if (!onPath('dockerd')) throw new Error('no Docker engine answers and dockerd is not installed');
    const log = fs.openSync(path.join(os.tmpdir(), `sluice-test-dockerd-${process.pid}.log`), 'a');
    const daemon = spawn('dockerd', [], { stdio: ['ignore', log, log], detached: true });
    fs.closeSync(log);
    await waitFor(async () => (await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 10_000 })).code === 0, {
      timeoutMs: 60_000,
      intervalMs: 250,
      message: () => `the Docker engine this test started (dockerd ${daemon.exitCode === null ? 'runs' : `exited ${daemon.exitCode}`}; log in ${os.tmpdir()})`,
    });
    return new DockerEngine(daemon);
  }

  /**
   * The image `tag` as the compose file and Dockerfile name it: present, pulled, or (no
   * registry reachable) made from Debian's packages by make-base-image.sh and kept for the next run.
   */
  async ensureImage(tag: string, kind: 'node' | 'redis'): Promise<'present' | 'pulled' | 'made'> {
    if ((await run('docker', ['image', 'inspect', tag])).code === 0) return 'present';
    if ((await run('docker', ['pull', tag], { timeoutMs: 120_000 })).code === 0) return 'pulled';
    await runOk('bash', [path.join(ROOT, 'test', 'harness', 'make-base-image.sh'), kind, tag], { timeoutMs: 900_000 });
    return 'made';
  }

  /** Stops the dockerd this test started, if it started one. */
  async stop(): Promise<void> {
    const d = this.daemon;
    if (!d || d.exitCode !== null) return;
    const exited = new Promise((r) => d.once('exit', r));
    d.kill('SIGTERM');
    const timer = setTimeout(() => d.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
