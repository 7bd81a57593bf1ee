import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import * as net from 'node:net';
import { TestCluster, runCli, jobIdFrom } from '../harness/cluster';

const JOBS = path.join(__dirname, 'jobs');

/** Every error is one clear line on stderr and a non-zero exit; the cluster stays up. */
describe('stream-submit errors', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 2, jobManagerArgs: ['--slot-request-timeout-ms', '1500'] });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  const expectOneLineError = (res: { code: number | null; stderr: string }, pattern: RegExp) => {
    expect(res.code).not.toBe(0);
    expect(res.code).not.toBeNull();
    // Warnings (e.g. a stateful operator without uid) are separate lines; the error is one line.
    const lines = res.stderr.trim().split('\n').filter((l) => !l.startsWith('Warning: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
  };

  it('a job file that throws', async () => {
    expectOneLineError(await cluster.cli([path.join(JOBS, 'throws.js')]), /threw: the job function is broken on purpose/);
  });

  it('a job file without a default export', async () => {
    expectOneLineError(await cluster.cli([path.join(JOBS, 'no-default-export.js')]), /has no default export/);
  });

  it('a job file that does not exist', async () => {
    expectOneLineError(await cluster.cli([path.join(JOBS, 'missing.js')]), /Job file not found/);
  });

  it('an invalid graph (no sink)', async () => {
    expectOneLineError(await cluster.cli([path.join(JOBS, 'no-sink.js')]), /no sink/);
  });

  it('an unknown job id', async () => {
    expectOneLineError(await cluster.cli(['status', 'f'.repeat(32)]), /not found/);
    expectOneLineError(await cluster.cli(['cancel', 'f'.repeat(32)]), /not found/);
    expectOneLineError(await cluster.cli(['status', 'not-a-job-id']), /not a job id/);
  });

  it('an unreachable JobManager', async () => {
    // a port nothing listens on: bind one, then free it
    const srv = net.createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    await new Promise((r) => srv.close(r));
    expectOneLineError(await runCli(['list'], { jobmanager: `127.0.0.1:${port}` }), /Cannot reach the JobManager at 127\.0\.0\.1:\d+/);
  });

  it('not enough slots: the job fails after the slot timeout with a clear cause', async () => {
    const res = await cluster.cli([path.join(JOBS, 'wide.js')]);
    expectOneLineError(res, /FAILED: .*Could not acquire 16 slots/);
    const jobId = jobIdFrom(res.stdout);
    expect(await cluster.jobState(jobId)).toBe('FAILED');
  });

  it('bad flags', async () => {
    expectOneLineError(await cluster.cli(['--parallelism', '0', path.join(JOBS, 'print-sequence.js')]), /positive integer/);
    expectOneLineError(await cluster.cli(['--no-such-flag', 'x.js']), /no-such-flag/);
  });

  it('the cluster is still up and runs jobs after all of that', async () => {
    const res = await cluster.cli([path.join(JOBS, 'print-sequence.js')]);
    expect(res.code).toBe(0);
    expect((await cluster.rest<Record<string, number>>('/overview')).taskmanagers).toBe(1);
  });
});
