import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, jobIdFrom, runCli } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';
import { httpsRequest as request, makeCertificates } from '../harness/test-certificates';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Resolves once the peer closed the connection (or refused it); the bytes it sent back, if any. */
function closedByPeer(socket: net.Socket, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = '';
    const timer = setTimeout(() => reject(new Error('the data port kept the connection open')), timeoutMs);
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

describe('a cluster with an auth token and TLS', () => {
  let tmp: string;
  let certs: { ca: string; cert: string; key: string };
  let tokenFile: string;
  let jm: ManagedProcess;
  const tms: ManagedProcess[] = [];
  let rpcAddress = '';
  let restUrl = '';
  const security = () => ['--auth-token-file', tokenFile, '--tls-cert', certs.cert, '--tls-key', certs.key, '--tls-ca', certs.ca];
  const clientEnv = () => ({ SLUICE_AUTH_TOKEN_FILE: tokenFile, SLUICE_TLS_CA: certs.ca });

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-security-'));
    certs = makeCertificates(tmp);
    tokenFile = path.join(tmp, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    jm = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--rpc-port', '0', '--rest-port', '0', '--data-dir', path.join(tmp, 'jm'), ...security()], {}, { cwd: tmp });
    const m = await jm.waitForStdout(/rpc=(\S+) rest=(\S+)/);
    rpcAddress = m[1];
    restUrl = m[2];
    // One slot each: the keyed exchange crosses TaskManagers over the (TLS, authenticated) data plane.
    for (const id of ['taskmanager-1', 'taskmanager-2'])
      tms.push(new ManagedProcess(id, process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--jobmanager', rpcAddress, '--slots', '1', '--id', id, ...security()], {}, { cwd: tmp }));
    await waitFor(async () => ((await request(`${restUrl}/taskmanagers`, certs.ca)).body as { taskmanagers: unknown[] }).taskmanagers.length === 2, { timeoutMs: 20_000, message: '2 TaskManagers registered over TLS with the token' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(tms.map((t) => t.stop()));
    await jm?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('runs an exactly-once job end to end through the CLI', async () => {
    expect(restUrl).toMatch(/^https:\/\//);
    const out = path.join(tmp, 'out');
    const count = 3000;
    const res = await runCli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '3000', '--interval', '300'], { jobmanager: rpcAddress, env: clientEnv() });
    // grpc-js sends an IP target as the TLS server name, for which Node prints DEP0123 once (docs/security.md).
    expect(res.stderr.split('\n').filter((l) => l !== '' && !/DEP0123|trace-deprecation/.test(l))).toEqual([]);
    expect(res.code).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await waitFor(async () => ((await request(`${restUrl}/jobs/${jobId}`, certs.ca)).body as { state: string }).state === 'FINISHED', { timeoutMs: 60_000, message: `job ${jobId} to finish` });
    const check = checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10);
    expect(check.problems).toEqual([]);
    const list = await runCli(['list'], { jobmanager: rpcAddress, env: clientEnv() });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(jobId);
  }, 90_000);

  it('refuses REST mutations without the token or with a wrong one (401 in the error shape); reads stay open', async () => {
    for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: TOKEN }] as Array<Record<string, string>>) {
      const res = await request(`${restUrl}/jobs/00000000000000000000000000000000/savepoints`, certs.ca, 'POST', headers, '{}');
      expect(res.status).toBe(401);
      expect((res.body as { errors: string[] }).errors[0]).toMatch(/auth token.*Authorization: Bearer/);
    }
    const cancel = await request(`${restUrl}/jobs/00000000000000000000000000000000`, certs.ca, 'PATCH');
    expect(cancel.status).toBe(401);
    const authorized = await request(`${restUrl}/jobs/00000000000000000000000000000000/savepoints`, certs.ca, 'POST', { authorization: `Bearer ${TOKEN}` }, '{}');
    expect(authorized.status).toBe(404);
    expect((await request(`${restUrl}/overview`, certs.ca)).status).toBe(200);
  });

  it('refuses gRPC calls without the token or with a wrong one', async () => {
    for (const env of [{ SLUICE_TLS_CA: certs.ca }, { SLUICE_TLS_CA: certs.ca, SLUICE_AUTH_TOKEN: 'wrong-token' }]) {
      const res = await runCli(['list'], { jobmanager: rpcAddress, env });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/^Error: the JobManager at \S+ refused the call: Missing or wrong auth token/m);
    }
  });

  it('refuses plaintext clients on gRPC, REST and the data port', async () => {
    const cli = await runCli(['list'], { jobmanager: rpcAddress, env: { SLUICE_AUTH_TOKEN: TOKEN }, timeoutMs: 30_000 });
    expect(cli.code).not.toBe(0);
    expect(cli.stdout).toBe('');
    const plainRest = await fetch(restUrl.replace('https:', 'http:') + '/overview').then(
      () => 'answered',
      () => 'refused',
    );
    expect(plainRest).toBe('refused');
    const [host, port] = await firstDataPort();
    const socket = net.connect({ host, port });
    socket.on('connect', () => socket.write(Buffer.alloc(64, 1)));
    expect(await closedByPeer(socket)).not.toMatch(/\x92|\x93/); // no data-plane frame came back
  });

  it('closes a data connection with a wrong token or none at once', async () => {
    const [host, port] = await firstDataPort();
    const wrong = tls.connect({ host, port, ca: fs.readFileSync(certs.ca) });
    wrong.on('secureConnect', () => wrong.write(Buffer.alloc(32, 7)));
    const started = Date.now();
    await closedByPeer(wrong);
    expect(Date.now() - started).toBeLessThan(4_000); // closed on the bad digest, not by the 5 s handshake timeout
    const silent = tls.connect({ host, port, ca: fs.readFileSync(certs.ca) });
    silent.on('secureConnect', () => silent.write(Buffer.from([0x93, 0x01, 0x02])));
    await closedByPeer(silent);
  });

  async function firstDataPort(): Promise<[string, number]> {
    const detail = (await request(`${restUrl}/taskmanagers/taskmanager-1`, certs.ca)).body as { slots: Array<{ dataHost: string; dataPort: number }> };
    return [detail.slots[0].dataHost, detail.slots[0].dataPort];
  }
});

describe('binding beyond loopback', () => {
  it('is refused without a token, with a message that says what to do', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-bind-'));
    try {
      const jm = new ManagedProcess('jobmanager', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--host', '0.0.0.0', '--rpc-port', '0', '--rest-port', '0', '--data-dir', path.join(tmp, 'jm')], {}, { cwd: tmp });
      expect(await jm.exited).not.toBe(0);
      expect(jm.stderr).toMatch(/binds 0\.0\.0\.0, which other machines can reach, without an auth token.*--auth-token-file FILE or SLUICE_AUTH_TOKEN.*--insecure-allow-unauthenticated/);
      expect(jm.stdout).not.toMatch(/JobManager started/);
      const tm = new ManagedProcess('taskmanager', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--host', '0.0.0.0', '--jobmanager', '127.0.0.1:1'], {}, { cwd: tmp });
      expect(await tm.exited).not.toBe(0);
      expect(tm.stderr).toMatch(/sluice-taskmanager binds 0\.0\.0\.0.*without an auth token/);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
