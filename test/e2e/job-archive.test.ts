import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';

const FINITE = path.join(__dirname, 'jobs', 'print-sequence.js');
const UNBOUNDED = path.join(__dirname, 'jobs', 'unbounded.js');
const ARGS = ['--archived-jobs', '2'];

interface OverviewLine {
  jid: string;
  name: string;
  state: string;
  'end-time': number;
  tasks: Record<string, number>;
}

/** Ended jobs outlive a kill -9 of the JobManager: the archive in its HA store, bounded. */
describe('job archive (multi-process)', () => {
  let cluster: TestCluster;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 2, jobManagerArgs: ARGS });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const archived = (jobId: string) => cluster.jobManager.waitForStderr(new RegExp(`Archived job '[^']*' \\(${jobId}\\)`));

  it('lists finished and cancelled jobs with their state and views after a restart, keeping the newest', { timeout: 120_000 }, async () => {
    const first = jobIdFrom((await cluster.cli([FINITE])).stdout);
    await archived(first);
    const second = jobIdFrom((await cluster.cli([FINITE])).stdout);
    await archived(second);
    const cancelled = jobIdFrom((await cluster.cli(['--detached', UNBOUNDED])).stdout);
    await cluster.waitForJobState(cancelled, 'RUNNING');
    await fetch(`${cluster.restUrl}/jobs/${cancelled}?mode=cancel`, { method: 'PATCH' });
    await cluster.waitForJobState(cancelled, 'CANCELED');
    await archived(cancelled);
    const live = await cluster.rest<Record<string, any>>(`/jobs/${second}`);
    const stable = (d: Record<string, any>) => ({ ...d, now: 0, vertices: d.vertices.map((v: Record<string, unknown>) => ({ id: v.id, name: v.name, status: v.status, tasks: v.tasks })) });
    const liveStatus = await cluster.cli(['status', second]);
    expect(liveStatus.code, liveStatus.stderr).toBe(0);
    expect(liveStatus.stdout).toContain('State: FINISHED');

    await cluster.restartJobManager(ARGS);
    await cluster.waitForTaskManagers(1, 30_000);

    // The bound is 2: the oldest went, the other two are listed with their final state.
    const { jobs } = await cluster.rest<{ jobs: OverviewLine[] }>('/jobs/overview');
    expect(jobs.map((j) => [j.jid, j.state])).toEqual([
      [second, 'FINISHED'],
      [cancelled, 'CANCELED'],
    ]);
    const tasks = live.vertices.reduce((n: number, v: { parallelism: number }) => n + v.parallelism, 0);
    expect(jobs[0]).toMatchObject({ name: 'print-sequence', tasks: { total: tasks, finished: tasks } });
    expect(jobs[0]['end-time']).toBeGreaterThan(0);
    expect((await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs).toEqual([
      { id: second, status: 'FINISHED' },
      { id: cancelled, status: 'CANCELED' },
    ]);
    expect(await cluster.rest('/overview')).toMatchObject({ 'jobs-running': 0, 'jobs-finished': 1, 'jobs-cancelled': 1 });

    // Its views are what the routes answered when it ended, also under /v1/.
    const detail = await cluster.rest<Record<string, any>>(`/jobs/${second}`);
    expect(stable(detail)).toEqual(stable(live));
    expect(stable(await cluster.rest(`/v1/jobs/${second}`))).toEqual(stable(live));
    const vertex = detail.vertices.at(-1);
    expect(await cluster.rest<Record<string, any>>(`/jobs/${second}/vertices/${vertex.id}`)).toMatchObject({ id: vertex.id, subtasks: [{ status: 'FINISHED' }, { status: 'FINISHED' }] });
    expect(await cluster.rest(`/jobs/${second}/config`)).toMatchObject({ jid: second, 'job-file': 'print-sequence.js' });
    expect(await cluster.rest(`/jobs/${second}/checkpoints`)).toMatchObject({ counts: expect.any(Object) });
    expect(await cluster.rest(`/jobs/${cancelled}/exceptions`)).toMatchObject({ exceptionHistory: expect.any(Object) });

    // The oldest is gone; an ended job cannot be cancelled; it was not resumed.
    expect((await fetch(`${cluster.restUrl}/jobs/${first}`)).status).toBe(404);
    const cancel = await fetch(`${cluster.restUrl}/jobs/${second}?mode=cancel`, { method: 'PATCH' });
    expect(cancel.status).toBe(409);
    expect(((await cancel.json()) as { errors: string[] }).errors[0]).toContain('ended (FINISHED)');
    expect(cluster.jobManager.stderr).not.toMatch(/Recovered job/);
    expect(cluster.jobManager.stderr).toMatch(/Read 2 archived job\(s\)/);

    // stream-submit list -a lists them too (gRPC ListJobs).
    const listed = await cluster.cli(['list', '-a']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(second);
    expect(listed.stdout).toContain(cancelled);
    expect(listed.stdout).not.toContain(first);

    // stream-submit status answers from the archive as it did while the job was live (gRPC GetJobStatus), any case of the id.
    const archivedStatus = await cluster.cli(['status', second.toUpperCase()]);
    expect(archivedStatus.code, archivedStatus.stderr).toBe(0);
    expect(archivedStatus.stdout).toBe(liveStatus.stdout);
    const cancelledStatus = await cluster.cli(['status', cancelled]);
    expect(cancelledStatus.code, cancelledStatus.stderr).toBe(0);
    expect(cancelledStatus.stdout).toMatch(/^State: CANCELED$/m);
    expect(cancelledStatus.stdout).toMatch(/^Ended: /m);
    const evicted = await cluster.cli(['status', first]);
    expect(evicted.code).not.toBe(0);
    expect(evicted.stderr).toMatch(new RegExp(`${first}`));

    // A job run after the restart is listed after the archived ones.
    const third = jobIdFrom((await cluster.cli([FINITE])).stdout);
    await waitFor(async () => ((await cluster.rest<{ jobs: OverviewLine[] }>('/jobs/overview')).jobs.at(-1)?.jid === third ? true : undefined), { message: 'the new job in the overview' });
  });
});
