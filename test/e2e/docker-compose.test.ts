import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../harness/free-port';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, jobIdFrom, runCli } from '../harness/cluster';
import { DockerEngine, dockerMissing } from '../harness/docker-engine';
import { run, runOk } from '../harness/run-command';
import { readCommittedRecords, hiddenFiles } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';

const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const IMAGE = `sluice:${VERSION}`;
const COMPOSE = path.join(ROOT, 'deploy', 'compose.yaml');
const JOB = path.join(ROOT, 'test', 'e2e', 'jobs', 'checkpointed-sum.js');
const skip = dockerMissing();


/**
 * The image and the compose file for real: build deploy/Dockerfile, bring up a JobManager,
 * two TaskManagers and Redis with docker-compose, submit an exactly-once job from the host,
 * kill a TaskManager container mid-job, scale a new one in, and read the committed output
 * from the /data volume: every record once. `down -v` leaves no container, volume or network.
 */
describe.skipIf(skip !== undefined)(`deployment with Docker Compose (multi-process, containers)${skip ? ` — skipped: ${skip}` : ''}`, () => {
  let engine: DockerEngine;
  const project = `sluicetest${process.pid}`;
  let env: NodeJS.ProcessEnv;
  let rpc: string;
  let rest: string;
  let tmp: string;
  const timings: Record<string, number> = {};
  const compose = (args: string[], timeoutMs = 300_000) => runOk('docker-compose', ['-f', COMPOSE, '-p', project, ...args], { env, timeoutMs });

  beforeAll(async () => {
    let t = Date.now();
    engine = await DockerEngine.ensure();
    const [base, redis] = await Promise.all([engine.ensureImage('node:20-bookworm-slim', 'node'), engine.ensureImage('redis:7-bookworm', 'redis')]);
    timings['engine and base images'] = Date.now() - t;
    t = Date.now();
    // --network host: the build's npm ci reaches the registry the way this machine does.
    await runOk('docker', ['build', '--network', 'host', '-f', 'deploy/Dockerfile', '--build-arg', `SLUICE_VERSION=${VERSION}`, '-t', IMAGE, '.'], { timeoutMs: 900_000 });
    timings['docker build'] = Date.now() - t;
    process.stderr.write(`docker-compose test: base images ${base}/${redis}\n`);
    const [rpcPort, restPort] = [await freePort(), await freePort()];
    env = { SLUICE_AUTH_TOKEN: `compose-test-${process.pid}-${Date.now()}`, SLUICE_VERSION: VERSION, SLUICE_PUBLISH_RPC_PORT: String(rpcPort), SLUICE_PUBLISH_REST_PORT: String(restPort), SLUICE_PUBLISH_HOST: '127.0.0.1' };
    rpc = `127.0.0.1:${rpcPort}`;
    rest = `http://127.0.0.1:${restPort}`;
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-compose-'));
  }, 1_200_000);

  afterAll(async () => {
    if (env) await run('docker-compose', ['-f', COMPOSE, '-p', project, 'down', '-v', '--remove-orphans'], { env });
    await engine?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    process.stderr.write(`docker-compose test timings (ms): ${JSON.stringify(timings)}\n`);
  }, 120_000);

  const taskManagers = async () => ((await (await fetch(`${rest}/taskmanagers`)).json()) as { taskmanagers: Array<{ id: string }> }).taskmanagers;

  it('runs an exactly-once job through a TaskManager container kill and a scale-up, then down -v removes everything', { timeout: 600_000 }, async () => {
    let t = Date.now();
    await compose(['up', '-d', '--no-build', '--scale', 'taskmanager=2']);
    await waitFor(async () => (await taskManagers()).length === 2, { timeoutMs: 120_000, message: 'two TaskManagers registered at the JobManager container' });
    const ready = await fetch(`${rest}/readyz`);
    expect(ready.status).toBe(200);
    timings['compose up'] = Date.now() - t;

    t = Date.now();
    const count = 20_000;
    // The containers bind every interface, so the cluster requires its token: without it the
    // submission is refused; with it (SLUICE_AUTH_TOKEN, as a user exports it) it runs.
    const refused = await runCli(['--detached', JOB, '--output', '/data/out'], { jobmanager: rpc, env: { ...process.env, SLUICE_AUTH_TOKEN: '' } });
    expect(refused.code).not.toBe(0);
    const submitted = await runCli(['--detached', JOB, '--output', '/data/out', '--count', String(count), '--rate', '2000', '--interval', '300'], { jobmanager: rpc, env: { ...process.env, SLUICE_AUTH_TOKEN: env.SLUICE_AUTH_TOKEN } });
    expect(submitted.stderr).toBe('');
    const jobId = jobIdFrom(submitted.stdout);
    const completed = async () => ((await (await fetch(`${rest}/jobs/${jobId}/checkpoints`)).json()) as { counts: { completed: number; restored: number } }).counts;
    await waitFor(async () => (await completed()).completed >= 2, { timeoutMs: 60_000, message: 'two completed checkpoints' });

    const containers = (await compose(['ps', '-q', 'taskmanager'])).trim().split('\n');
    expect(containers).toHaveLength(2);
    // The victim: a TaskManager container that runs subtasks of the job (found by its address).
    const endpoints = new Set<string>();
    const job = (await (await fetch(`${rest}/jobs/${jobId}`)).json()) as { vertices: Array<{ id: string }> };
    for (const v of job.vertices) {
      const detail = (await (await fetch(`${rest}/jobs/${jobId}/vertices/${v.id}`)).json()) as { subtasks: Array<{ endpoint: string | null }> };
      for (const s of detail.subtasks) if (s.endpoint) endpoints.add(s.endpoint.split(':')[0]);
    }
    const addressOf = async (c: string) => (await runOk('docker', ['inspect', '-f', '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}', c])).trim();
    let victim: string | undefined;
    for (const c of containers) if (endpoints.has(await addressOf(c))) victim = c;
    expect(victim, `a TaskManager container at one of ${[...endpoints].join(', ')}`).toBeDefined();
    await runOk('docker', ['kill', victim!]);
    await compose(['up', '-d', '--no-build', '--no-recreate', '--scale', 'taskmanager=3']);
    await waitFor(async () => (await completed()).restored >= 1, { timeoutMs: 90_000, message: 'the job restored from a checkpoint after the kill' });
    await waitFor(async () => ((await (await fetch(`${rest}/jobs/${jobId}`)).json()) as { state: string }).state === 'FINISHED', { timeoutMs: 120_000, message: 'the job to finish' });
    timings['job with kill and scale-up'] = Date.now() - t;

    const jobManager = (await compose(['ps', '-q', 'jobmanager'])).trim();
    const out = path.join(tmp, 'out');
    await runOk('docker', ['cp', `${jobManager}:/data/out`, out]);
    const check = checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10);
    expect(check.problems).toEqual([]);
    expect(check.exact).toBe(true);
    expect(hiddenFiles(out).filter((f) => f.endsWith('.inprogress'))).toEqual([]);

    t = Date.now();
    await compose(['down', '-v']);
    timings['compose down'] = Date.now() - t;
    const label = `label=com.docker.compose.project=${project}`;
    expect((await runOk('docker', ['ps', '-a', '-q', '--filter', label])).trim()).toBe('');
    expect((await runOk('docker', ['volume', 'ls', '-q', '--filter', label])).trim()).toBe('');
    expect((await runOk('docker', ['network', 'ls', '-q', '--filter', label])).trim()).toBe('');
  });
});
