import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, ROOT, jobIdFrom, runCli } from '../harness/cluster';
import { run } from '../harness/run-command';
import { ManagedProcess } from '../harness/managed-process';
import { waitFor } from '../harness/wait-for';

const SCRIPTS = path.join(ROOT, 'deploy', 'standalone');


/** Running, not a zombie: the daemons' parent is init, which reaps them a moment after they exit. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * deploy/standalone/start-cluster.sh and stop-cluster.sh on loopback with a temp conf dir, as
 * a Flink user runs them: a JobManager and a TaskManager per workers line, pid files, a .log
 * and a .out per process in the log dir; stop-cluster.sh stops exactly what start-cluster.sh
 * started (not a TaskManager started by hand, even when its pid sneaks into a pid file).
 */
describe('standalone start-cluster.sh / stop-cluster.sh (multi-process)', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let rpc: string;
  let rest: string;
  const started: ManagedProcess[] = [];

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-standalone-'));
    const conf = path.join(tmp, 'conf');
    fs.mkdirSync(conf);
    const [rpcPort, restPort] = [await freePort(), await freePort()];
    rpc = `127.0.0.1:${rpcPort}`;
    rest = `http://127.0.0.1:${restPort}`;
    fs.writeFileSync(path.join(conf, 'workers'), '# two TaskManagers here\nlocalhost\n127.0.0.1\n');
    fs.writeFileSync(
      path.join(conf, 'sluice.yaml'),
      `rpc-port: ${rpcPort}\nrest-port: ${restPort}\ndata-dir: ${path.join(tmp, 'data')}\nslots: 1\nheartbeat-interval-ms: 500\ntaskmanager:\n  rpc-port: 0\n`,
    );
    env = { SLUICE_CONF_DIR: conf, SLUICE_LOG_DIR: path.join(tmp, 'log'), SLUICE_PID_DIR: path.join(tmp, 'pids'), SLUICE_WORK_DIR: tmp, SLUICE_LOG_LEVEL: 'info' };
  });

  afterAll(async () => {
    if (env) await run(path.join(SCRIPTS, 'stop-cluster.sh'), [], { env });
    for (const p of started) await p.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const pids = (role: string) => {
    const file = path.join(tmp, 'pids', `sluice-${os.userInfo().username}-${role}.pid`);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map(Number) : [];
  };

  it('starts the JobManager and one TaskManager per workers line, with logs and pid files; stop stops them and nothing else', { timeout: 120_000 }, async () => {
    const start = await run(path.join(SCRIPTS, 'start-cluster.sh'), [], { env, timeoutMs: 60_000 });
    expect(start.stderr).toBe('');
    expect(start.code).toBe(0);
    expect(start.stdout).toMatch(/Starting jobmanager daemon \(pid \d+\)/);
    expect(start.stdout.match(/Starting taskmanager daemon/g)).toHaveLength(2);
    await waitFor(async () => ((await (await fetch(`${rest}/taskmanagers`)).json()) as { taskmanagers: unknown[] }).taskmanagers.length === 2, { timeoutMs: 30_000, message: 'two TaskManagers' });
    expect(pids('jobmanager')).toHaveLength(1);
    expect(pids('taskmanager')).toHaveLength(2);

    const logs = fs.readdirSync(path.join(tmp, 'log')).sort();
    const host = os.hostname();
    const user = os.userInfo().username;
    for (const name of [`sluice-${user}-jobmanager-0-${host}`, `sluice-${user}-taskmanager-0-${host}`, `sluice-${user}-taskmanager-1-${host}`])
      expect(logs).toEqual(expect.arrayContaining([`${name}.log`, `${name}.out`]));
    // The logger writes the .log (stderr), the process's own output the .out (stdout).
    expect(fs.readFileSync(path.join(tmp, 'log', `sluice-${user}-jobmanager-0-${host}.log`), 'utf8')).toMatch(/INFO +\[jobmanager\] JobManager started/);
    expect(fs.readFileSync(path.join(tmp, 'log', `sluice-${user}-jobmanager-0-${host}.out`), 'utf8')).toMatch(/^JobManager started: rpc=/);

    // print() goes to the TaskManagers' .out files.
    const submitted = await runCli([path.join(ROOT, 'test', 'e2e', 'jobs', 'print-sequence.js')], { jobmanager: rpc });
    expect(submitted.code).toBe(0);
    jobIdFrom(submitted.stdout);
    const printed = () =>
      fs
        .readdirSync(path.join(tmp, 'log'))
        .filter((f) => f.includes('taskmanager') && f.endsWith('.out'))
        .map((f) => fs.readFileSync(path.join(tmp, 'log', f), 'utf8'))
        .join('');
    await waitFor(() => (printed().match(/"square"/g) ?? []).length === 20, { message: '20 printed records in the .out files' });

    // A TaskManager this test starts by hand; its pid even appears in the scripts' pid file.
    const stranger = new ManagedProcess('stranger', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', rpc, '--id', 'stranger'], {}, { cwd: tmp });
    started.push(stranger);
    await waitFor(async () => ((await (await fetch(`${rest}/taskmanagers`)).json()) as { taskmanagers: unknown[] }).taskmanagers.length === 3, { message: 'the stranger registered' });
    const ours = [...pids('jobmanager'), ...pids('taskmanager')];
    fs.appendFileSync(path.join(tmp, 'pids', `sluice-${user}-taskmanager.pid`), `${stranger.pid}\n`);

    const stop = await run(path.join(SCRIPTS, 'stop-cluster.sh'), [], { env, timeoutMs: 60_000 });
    expect(stop.code).toBe(0);
    expect(stop.stdout.match(/Stopping (jobmanager|taskmanager) daemon/g)).toHaveLength(3);
    for (const pid of ours) expect(alive(pid), `pid ${pid} (${fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : ''})`).toBe(false);
    expect(stranger.running).toBe(true);
    expect(pids('jobmanager')).toEqual([]);
    expect(pids('taskmanager')).toEqual([]);
    const again = await run(path.join(SCRIPTS, 'stop-cluster.sh'), [], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/No jobmanager daemon to stop/);
  });

  it('refuses a sluice.yaml key no process knows before starting anything', async () => {
    const conf = path.join(tmp, 'bad-conf');
    fs.mkdirSync(conf);
    fs.writeFileSync(path.join(conf, 'workers'), 'localhost\n');
    fs.writeFileSync(path.join(conf, 'sluice.yaml'), 'rpc-port: 1\nslotz: 2\n');
    const start = await run(path.join(SCRIPTS, 'start-cluster.sh'), [], { env: { ...env, SLUICE_CONF_DIR: conf, SLUICE_PID_DIR: path.join(tmp, 'bad-pids') } });
    expect(start.code).toBe(2);
    expect(start.stderr).toBe(`${path.join(conf, 'sluice.yaml')}: key "slotz" is known to neither the JobManager nor the TaskManager (see docs/configuration.md)\n`);
    expect(fs.existsSync(path.join(tmp, 'bad-pids'))).toBe(false);
  });
});
