import { type ChildProcess, spawn } from 'node:child_process';
import { waitFor } from '../test/harness/wait-for';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The sluice-jobmanager process as users run it. main.ts is bundled once (dependencies stay
 * external, resolved from the repository's node_modules) so the test does not depend on a
 * prior `npm run build`.
 */
const root = path.join(__dirname, '..');
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-jm-main-'));
const mainJs = path.join(outDir, 'jobmanager', 'main.js');
const children: ChildProcess[] = [];

beforeAll(async () => {
  await build({ entryPoints: [path.join(__dirname, 'main.ts')], outfile: mainJs, bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'silent' });
  fs.copyFileSync(path.join(root, 'proto', 'sluice.proto'), path.join(outDir, 'jobmanager', 'sluice.proto'));
});
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [mainJs, ...args], {
    cwd: outDir,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: path.join(root, 'node_modules'), SLUICE_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function started(r: Run): Promise<{ rpc: string; rest: string }> {
  const m = await waitFor(
    () => {
      if (r.child.exitCode !== null) throw new Error(`exited with ${r.child.exitCode}`);
      return /^JobManager started: rpc=(127\.0\.0\.1:\d+) rest=(http:\/\/127\.0\.0\.1:\d+)\n$/.exec(r.stdout());
    },
    { timeoutMs: 15_000, intervalMs: 20, message: () => `the JobManager to start: ${r.stdout()} ${r.stderr()}` },
  );
  return { rpc: m[1], rest: m[2] };
}

describe('sluice-jobmanager', () => {
  it('prints the bound addresses, serves REST there, and exits 0 on SIGTERM', async () => {
    const dataDir = path.join(outDir, 'data-term');
    const r = run(['--rpc-port', '0', '--rest-port', '0', '--data-dir', dataDir]);
    const { rest } = await started(r);
    const res = await fetch(`${rest}/overview`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ taskmanagers: 0, 'jobs-running': 0 });
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('exits 0 on SIGINT and takes its settings from the config file and environment', async () => {
    const cfg = path.join(outDir, 'jm.json');
    fs.writeFileSync(cfg, JSON.stringify({ 'rpc-port': 0, 'rest-port': 1, 'data-dir': path.join(outDir, 'data-int') }));
    const r = run(['--config', cfg], { SLUICE_REST_PORT: '0' });
    await started(r);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('exits 2 with one line on stderr for a bad flag, value or config key', async () => {
    for (const args of [['--no-such-flag'], ['--rest-port', 'eighty'], ['--heartbeat-timeout-ms', '10']]) {
      const r = run(args);
      expect(await r.exited).toBe(2);
      expect(r.stderr()).toMatch(/^sluice-jobmanager: .+\n$/);
      expect(r.stdout()).toBe('');
    }
  });

  it('exits 1 with one line on stderr when its data directory is a file', async () => {
    const notADir = path.join(outDir, 'a-file');
    fs.writeFileSync(notADir, '');
    const r = run(['--rpc-port', '0', '--rest-port', '0', '--data-dir', notADir]);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toBe(`sluice-jobmanager: Data directory ${notADir} exists and is not a directory\n`);
  });

  it('exits 1 with one line on stderr when its port is taken', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = run(['--rpc-port', '0', '--rest-port', String(port), '--data-dir', path.join(outDir, 'data-busy')]);
      expect(await r.exited).toBe(1);
      expect(r.stderr()).toMatch(new RegExp(`^sluice-jobmanager: Cannot listen for REST on 127\\.0\\.0\\.1:${port}: EADDRINUSE\\n$`));
    } finally {
      server.close();
    }
  });
});
