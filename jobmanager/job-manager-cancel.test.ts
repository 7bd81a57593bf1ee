import { afterEach, describe, expect, it } from 'vitest';
import type { SluiceError } from '../common/errors';
import { JobManagerFixture } from './test-support/job-manager-fixture';
import { sourceMapSinkGraph } from './test-support/test-job-graphs';
import { waitUntil } from '../test/harness/wait-for';

let fx: JobManagerFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('CancelJob', () => {
  it('cancels every deployed task and ends CANCELED', async () => {
    fx = await JobManagerFixture.start();
    const a = await fx.addTaskManager({ slots: 1, autoRun: true });
    const b = await fx.addTaskManager({ slots: 1, autoRun: true });
    const jobId = await fx.submit(sourceMapSinkGraph('cancel-me', 2));
    await fx.waitForJobState(jobId, 'RUNNING');
    await waitUntil(() => a.deployments.length + b.deployments.length === 5, 'five deployments');

    const reply = await fx.cancel(jobId);
    expect(['CANCELLING', 'CANCELED']).toContain(reply.job.state);
    const status = await fx.waitForJobState(jobId, 'CANCELED');
    expect(a.cancellations.length + b.cancellations.length).toBe(5);
    expect(a.cancellations.every((c) => c.jobId === jobId && c.attempt === 0)).toBe(true);
    expect(status.vertices.every((v) => v.state === 'CANCELED')).toBe(true);
    expect(status.job.endTime).toBeGreaterThan(0);
    expect(fx.jm.slotPool.freeSlots).toBe(2);
  });

  it('cancels a job still waiting for slots, and withdraws its slot request', async () => {
    fx = await JobManagerFixture.start({ slotRequestTimeoutMs: 10_000 });
    const jobId = await fx.submit(sourceMapSinkGraph('waiting', 2));
    expect((await fx.status(jobId)).job.state).toBe('CREATED');
    await fx.cancel(jobId);
    await fx.waitForJobState(jobId, 'CANCELED');
    const tm = await fx.addTaskManager({ slots: 2 });
    expect(fx.jm.slotPool.freeSlots).toBe(2);
    expect(tm.deployments).toEqual([]);
  });

  it('counts tasks as canceled when their TaskManager does not confirm in time', async () => {
    fx = await JobManagerFixture.start({ cancelTimeoutMs: 300 });
    const tm = await fx.addTaskManager({ slots: 2, autoRun: true, autoCancel: false });
    const jobId = await fx.submit(sourceMapSinkGraph('stubborn', 1));
    await waitUntil(() => tm.deployments.length === 3, 'three deployments');
    await fx.cancel(jobId);
    expect((await fx.status(jobId)).job.state).toBe('CANCELLING');
    await fx.waitForJobState(jobId, 'CANCELED', 3_000);
    expect(tm.cancellations).toHaveLength(3);
  });

  it('refuses to cancel a job that already ended, with ILLEGAL_STATE', async () => {
    fx = await JobManagerFixture.start();
    const jobId = await fx.submit(sourceMapSinkGraph('done', 1));
    await fx.cancel(jobId);
    await fx.waitForJobState(jobId, 'CANCELED');
    const err = (await fx.cancel(jobId).catch((e: unknown) => e)) as SluiceError;
    expect(err.code).toBe('ILLEGAL_STATE');
    expect(err.message).toBe(`Job ${jobId} is already CANCELED; only a job that has not ended can be cancelled`);
  });

  it('answers JOB_NOT_FOUND for an unknown job', async () => {
    fx = await JobManagerFixture.start();
    const err = (await fx.cancel('f'.repeat(32)).catch((e: unknown) => e)) as SluiceError;
    expect(err.code).toBe('JOB_NOT_FOUND');
    expect(err.message).toContain(`Job ${'f'.repeat(32)} not found`);
  });
});
