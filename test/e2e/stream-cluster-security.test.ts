import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST } from '../harness/cluster';
import { freePort } from '../harness/free-port';
import { ManagedProcess } from '../harness/managed-process';
import { run } from '../harness/run-command';
import { httpsRequest, makeCertificates, type TestCertificates } from '../harness/test-certificates';
import { waitFor } from '../harness/wait-for';

const CLUSTER = path.join(DIST, 'deploy', 'stream-cluster.js');
const HEALTHCHECK = path.join(DIST, 'deploy', 'healthcheck.js');
const TOKEN = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

/**
 * `stream-cluster start` with the processes' own security options (docs/security.md): an auth
 * token file and TLS given once reach the JobManager, the TaskManagers and the demo's
 * stream-submit; its own SLUICE_* variables do not leak into the children with another meaning;
 * the image's HEALTHCHECK speaks https to it; a non-loopback bind without a token is refused
 * before anything starts.
 */
describe('stream-cluster with an auth token and TLS (multi-process)', () => {
  let tmp: string;
  let certs: TestCertificates;
  let tokenFile: string;
  const started: ManagedProcess[] = [];

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-stream-cluster-security-'));
    certs = makeCertificates(tmp);
    tokenFile = path.join(tmp, 'token');
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    for (const p of started.splice(0)) await p.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('secures every process, submits the demo with the credentials, and is healthy over https', { timeout: 120_000 }, async () => {
    const rpcPort = await freePort();
    const restPort = await freePort();
    const dataDir = path.join(tmp, 'data');
    // The ports and the TLS files as SLUICE_* variables: a TaskManager reading SLUICE_RPC_PORT as its own port could not bind it.
    const env = { SLUICE_RPC_PORT: String(rpcPort), SLUICE_REST_PORT: String(restPort), SLUICE_TLS_CERT: certs.cert, SLUICE_TLS_KEY: certs.key, SLUICE_TLS_CA: certs.ca };
    const cluster = new ManagedProcess('stream-cluster', process.execPath, [CLUSTER, 'start', '--data-dir', dataDir, '--taskmanagers', '2', '--slots', '1', '--auth-token-file', tokenFile, '--demo'], env, { cwd: tmp, detached: true });
    started.push(cluster);
    const [, rest] = await cluster.waitForStdout(/Dashboard and REST API: (\S+)/);
    expect(rest).toBe(`https://127.0.0.1:${restPort}`);
    const [hint] = await cluster.waitForStdout(/Submit jobs with: .*/);
    expect(hint).toContain(`SLUICE_AUTH_TOKEN_FILE=${tokenFile} SLUICE_TLS_CA=${certs.ca} SLUICE_JOBMANAGER=`);
    expect(hint).not.toContain(TOKEN);
    await cluster.waitForStdout(/Demo job running/, 60_000);

    await waitFor(async () => ((await httpsRequest(`${rest}/taskmanagers`, certs.ca)).body as { taskmanagers: unknown[] }).taskmanagers.length === 2, { timeoutMs: 30_000, message: '2 TaskManagers over TLS with the token' });
    // The demo is submitted detached: it is CREATED until the TaskManagers' slots take it.
    type Overview = { jobs: Array<{ jid: string; name: string; state: string }> };
    const overview = async (): Promise<Overview> => (await httpsRequest(`${rest}/jobs/overview`, certs.ca)).body as Overview;
    await waitFor(async () => (await overview()).jobs.some((j) => j.state === 'RUNNING'), { timeoutMs: 30_000, message: 'the demo job RUNNING' });
    const jobs = await overview();
    expect(jobs.jobs.map((j) => [j.name, j.state])).toEqual([['Demo word count', 'RUNNING']]);
    // The JobManager has the token: a mutation without it is refused, with it accepted.
    const jid = jobs.jobs[0]!.jid;
    expect((await httpsRequest(`${rest}/jobs/${jid}/savepoints`, certs.ca, 'POST', {}, '{}')).status).toBe(401);
    expect((await httpsRequest(`${rest}/jobs/${jid}/savepoints`, certs.ca, 'POST', { authorization: `Bearer ${TOKEN}` }, '{}')).status).toBe(202);

    // The image's HEALTHCHECK, pointed at the stream-cluster process and at its JobManager: https both times.
    for (const pid of [cluster.pid, (JSON.parse(fs.readFileSync(path.join(dataDir, 'stream-cluster.pid'), 'utf8')) as { jobManager: number }).jobManager]) {
      const health = await run(process.execPath, [HEALTHCHECK], { env: { ...env, SLUICE_HEALTHCHECK_PID: String(pid) }, cwd: tmp });
      expect(health.stdout + health.stderr).toBe(`https://127.0.0.1:${restPort}/readyz: 200 {"ready":true,"leader":true}\n`);
      expect(health.code).toBe(0);
    }

    cluster.signalGroup('SIGINT');
    expect(await cluster.exited).toBe(0);
  });

  it('refuses a non-loopback bind without a token before starting anything', async () => {
    const dataDir = path.join(tmp, 'refused');
    const refused = new ManagedProcess('stream-cluster-open', process.execPath, [CLUSTER, 'start', '--host', '0.0.0.0', '--rpc-port', '0', '--rest-port', '0', '--data-dir', dataDir], {}, { cwd: tmp });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr).toMatch(/^stream-cluster: stream-cluster binds 0\.0\.0\.0, which other machines can reach, without an auth token.*--insecure-allow-unauthenticated/);
    expect(refused.stdout).toBe('');
    expect(fs.existsSync(path.join(dataDir, 'stream-cluster.pid'))).toBe(false);
    const both = new ManagedProcess('stream-cluster-both', process.execPath, [CLUSTER, 'start', '--auth-token-file', tokenFile, '--data-dir', dataDir], { SLUICE_AUTH_TOKEN: TOKEN }, { cwd: tmp });
    expect(await both.exited).toBe(2);
    expect(both.stderr).toBe('stream-cluster: auth-token and auth-token-file are both given; give one (prefer auth-token-file)\n');
  });
});
