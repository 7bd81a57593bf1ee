import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import { TestCluster, runCli } from '../harness/cluster';

const JOBS = path.join(__dirname, 'jobs');

/**
 * stream-submit builds the job graph in a sandboxed worker (job/sandboxed-job-build.ts): a
 * job file that exits, loops or is not deterministic gets one clear error line and a non-zero
 * exit, and nothing is submitted.
 */
describe('stream-submit builds job files in a sandbox', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 1 });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const jobCount = async () => (await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length;

  it('process.exit(0) in the job function: exit 1, one line, nothing submitted', async () => {
    const res = await cluster.cli([path.join(JOBS, 'exits-while-building.js')]);
    expect(res.code).toBe(1);
    expect(res.stdout).not.toMatch(/submitted/);
    expect(res.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Error: Job file exits-while-building\.js: the job file ended its process \(exit code 0\) while building the pipeline; a job file must not call process\.exit\(\)$/)]);
    expect(await jobCount()).toBe(0);
  });

  it('a job function that loops forever is stopped after the build timeout', async () => {
    const started = Date.now();
    const res = await runCli(['--jobmanager', cluster.rpcAddress, path.join(JOBS, 'loops-while-building.js')], { env: { ...process.env, SLUICE_BUILD_TIMEOUT_MS: '1500' } });
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^Error: Job file loops-while-building\.js: building the pipeline did not finish within 1\.5 s \(does the job function wait or loop forever\?\)$/);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await jobCount()).toBe(0);
  });

  it('a job function that builds a different graph each run is refused before submission', async () => {
    const res = await cluster.cli([path.join(JOBS, 'nondeterministic.js')]);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toMatch(/^Error: The job function of .*nondeterministic\.js builds a different pipeline each time it runs .*must depend only on its arguments/);
    expect(await jobCount()).toBe(0);
  });

  it('upper-case job ids mean the same job as in REST', async () => {
    const res = await cluster.cli(['status', 'ABCDEF0123456789ABCDEF0123456789']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim()).toBe("Error: Job abcdef0123456789abcdef0123456789 not found. Use 'stream-submit list' to see the jobs this cluster knows.");
  });

  it('-p -1 and --jobmanager "" are refused in our words', async () => {
    const p = await runCli(['-p', '-1', path.join(JOBS, 'print-sequence.js')]);
    expect(p.stderr.trim()).toBe("Error: -p/--parallelism must be a positive integer, got '-1'");
    const jm = await runCli(['--jobmanager', '', 'list']);
    expect(jm.code).toBe(1);
    expect(jm.stderr.trim()).toMatch(/^Error: --jobmanager must be HOST:PORT \(or several, comma-separated\), got ''/);
  });
});
