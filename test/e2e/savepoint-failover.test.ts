import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'savepoint-sum.js');
const COUNT = 30_000;

/**
 * A failover right after a savepoint must replay nothing the sinks committed (Flink >= 1.15):
 * a savepoint the job goes on after commits nothing, so the checkpoint before it is a safe
 * restore point; a stop-with-savepoint's savepoint commits and so becomes the restore point.
 * Until 2026-12-04 both committed and neither was restored, and CI once saw 31,095 committed
 * records of 30,000 after a stop.
 */
describe('failover after a savepoint (multi-process)', () => {
  let cluster: TestCluster | undefined;
  let tmp: string | undefined;

  afterEach(async () => {
    await cluster?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    cluster = tmp = undefined;
  });

  async function setUp(): Promise<{ cluster: TestCluster; tmp: string }> {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-sp-failover-'));
    cluster = await TestCluster.start({ taskManagers: 0 });
    return { cluster, tmp };
  }

  async function submit(c: TestCluster, output: string, interval: number): Promise<string> {
    const res = await c.cli(['--detached', '-p', '2', JOB, '--output', output, '--count', String(COUNT), '--interval', String(interval)]);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await c.waitForCheckpointAfter(jobId, 0);
    return jobId;
  }

  function expectExactlyOnce(output: string): void {
    const check = checkRunningSums(readCommittedRecords<[string, number]>(output), COUNT, 10);
    expect(check.problems).toEqual([]);
  }

  it('kill -9 right after a savepoint the job goes on after: it restores the checkpoint before and the output stays exactly once', { timeout: 180_000 }, async () => {
    const { cluster: c, tmp: dir } = await setUp();
    const doomed = c.addTaskManager(2, 'taskmanager-doomed');
    await c.waitForTaskManagers(1);
    const output = path.join(dir, 'out');
    // Checkpoints far apart: none completes between the savepoint and the kill.
    const jobId = await submit(c, output, 4_000);
    const before = (await c.checkpoints(jobId)).latest.completed!.id;
    const sp = await c.cli(['savepoint', jobId, path.join(dir, 'savepoints')]);
    expect(sp.code, sp.stderr).toBe(0);
    c.killTaskManager(doomed);
    c.addTaskManager(2, 'taskmanager-healthy');
    const restored = await waitFor(async () => (await c.checkpoints(jobId)).latest.restored, { timeoutMs: 60_000, message: 'the restore' });
    expect(restored.is_savepoint).toBe(false);
    expect(restored.id).toBeGreaterThanOrEqual(before);
    await c.waitForJobState(jobId, 'FINISHED', 90_000);
    expectExactlyOnce(output);
  });

  it('a task dies after committing a stop-with-savepoint, before finishing: the stop fails, the job resumes from that savepoint, exactly once', { timeout: 180_000 }, async () => {
    const { cluster: c, tmp: dir } = await setUp();
    const marker = path.join(dir, 'fault-fired');
    const faulty = c.addTaskManager(2, 'taskmanager-faulty', [], { SLUICE_TEST_FAULT: `stopping-task-after-commit:1:${marker}` });
    await c.waitForTaskManagers(1);
    const output = path.join(dir, 'out');
    const jobId = await submit(c, output, 400);
    const stop = await c.cli(['stop', jobId, '--savepoint-dir', path.join(dir, 'savepoints')], { timeoutMs: 90_000 });
    expect(fs.readFileSync(marker, 'utf8')).toMatch(/SLUICE_TEST_FAULT: stopping-task-after-commit at checkpoint \d+/);
    expect(faulty.child.signalCode ?? (await faulty.exited, faulty.child.signalCode)).toBe('SIGKILL');
    expect(stop.code).not.toBe(0);
    expect(stop.stderr).toMatch(/Savepoint \S+ was created, but job \w+ went (RESTARTING|FAILING)/);
    const savepointId = (await c.checkpoints(jobId)).latest.savepoint!.id;

    c.addTaskManager(2, 'taskmanager-healthy');
    const restored = await waitFor(async () => (await c.checkpoints(jobId)).latest.restored, { timeoutMs: 60_000, message: 'the restore' });
    expect(restored).toMatchObject({ id: savepointId, is_savepoint: true });
    await c.waitForJobState(jobId, 'FINISHED', 90_000);
    expectExactlyOnce(output);
  });
});
