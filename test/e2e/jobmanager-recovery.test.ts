import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');

/** kill -9 of the JobManager during a checkpointed exactly-once job, then a restart on the same HA store. */
describe('JobManager recovery (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-ha-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('resumes the running job from its latest checkpoint, with exact output', { timeout: 180_000 }, async () => {
    const out = path.join(tmp, 'out');
    const count = 24_000;
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '3000', '--interval', '300']);
    const jobId = jobIdFrom(res.stdout);
    const before = await cluster.waitForCheckpointAfter(jobId, 1);

    await cluster.restartJobManager();
    // TaskManagers find the new JobManager at the same address and register again
    await cluster.waitForTaskManagers(2, 30_000);
    await waitFor(async () => (await cluster.rest<{ jobs: Array<{ id: string }> }>('/jobs')).jobs.some((j) => j.id === jobId), { message: 'the job to be recovered' });
    const restored = await waitFor(async () => (await cluster.checkpoints(jobId)).latest.restored, { timeoutMs: 30_000, message: 'the restore' });
    expect(restored.id).toBeGreaterThanOrEqual(before);
    expect(cluster.jobManager.stderr).toMatch(new RegExp(`Recovered job 'checkpointed-sum' \\(${jobId}\\) from the HA store`));
    // One line says what came back and how to start clean instead (a stale data dir would resume old jobs).
    expect(cluster.jobManager.stderr).toMatch(new RegExp(`Recovered 1 job\\(s\\) from the HA store file://\\S+: 'checkpointed-sum' \\(${jobId}\\)\\. .*to start clean, stop the cluster and delete /`));

    await cluster.waitForJobState(jobId, 'FINISHED', 90_000);
    const check = checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10);
    expect(check.problems).toEqual([]);

    // a finished job leaves the HA store for the archive: another restart lists it, FINISHED, and does not resume it
    await cluster.jobManager.waitForStderr(new RegExp(`Archived job 'checkpointed-sum' \\(${jobId}\\) as FINISHED`));
    await cluster.restartJobManager();
    await cluster.waitForTaskManagers(2, 30_000);
    expect((await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs).toEqual([{ id: jobId, status: 'FINISHED' }]);
    expect(cluster.jobManager.stderr).not.toMatch(/Recovered job|Recovered \d+ job/);
  });
});
