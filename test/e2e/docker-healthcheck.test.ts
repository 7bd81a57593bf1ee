import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { run } from '../harness/run-command';
import { waitFor } from '../harness/wait-for';

const HEALTHCHECK = path.join(DIST, 'deploy', 'healthcheck.js');


/**
 * The image's HEALTHCHECK (deploy/healthcheck.js) against real processes: it finds the role and
 * the port from the process's own command line (and config file), and is healthy only when the
 * process is ready. In the image it asks PID 1; here the process the test started.
 */
describe('the image HEALTHCHECK against real processes', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-healthcheck-'));
  const processes: ManagedProcess[] = [];
  afterAll(async () => {
    for (const p of processes) await p.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });
  const check = (pid: number, env: NodeJS.ProcessEnv = {}) => run(process.execPath, [HEALTHCHECK], { env: { SLUICE_HEALTHCHECK_PID: String(pid), ...env }, cwd: tmp });

  it('JobManager: healthy on its REST port from a config file; TaskManager: unhealthy until registered, then healthy', { timeout: 60_000 }, async () => {
    const restPort = await freePort();
    const config = path.join(tmp, 'jm.yaml');
    fs.writeFileSync(config, `rest-port: ${restPort}\nrpc-port: 0\ndata-dir: ${path.join(tmp, 'data')}\n`);
    const jm = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--config', config], {}, { cwd: tmp });
    processes.push(jm);
    const [, rpc] = await jm.waitForStdout(/rpc=(\S+) rest=/);
    const healthy = await check(jm.pid);
    expect(healthy.stdout).toBe(`http://127.0.0.1:${restPort}/readyz: 200 {"ready":true,"leader":true}\n`);
    expect(healthy.code).toBe(0);

    // A TaskManager whose JobManager is not there yet: alive, not ready.
    const healthPort = await freePort();
    const absent = await freePort();
    const tm = new ManagedProcess('taskmanager', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', `127.0.0.1:${absent}`], { SLUICE_HEALTH_PORT: String(healthPort) }, { cwd: tmp });
    processes.push(tm);
    await waitFor(async () => (await check(tm.pid, { SLUICE_HEALTH_PORT: String(healthPort) })).stdout.includes('503'), { message: 'the TaskManager health port up' });
    expect((await check(tm.pid, { SLUICE_HEALTH_PORT: String(healthPort) })).code).toBe(1);

    const registered = new ManagedProcess('taskmanager-2', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', rpc, '--health-port', String(await freePort())], {}, { cwd: tmp });
    processes.push(registered);
    await waitFor(async () => (await check(registered.pid)).code === 0, { message: 'the registered TaskManager healthy' });
    expect((await check(registered.pid)).stdout).toMatch(/\/readyz: 200 \{"ready":true,"state":"REGISTERED"\}/);
  });
});
