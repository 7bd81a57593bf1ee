import { afterEach, describe, expect, it } from 'vitest';
import { JobManagerFixture } from './test-support/job-manager-fixture';
import { sourceMapSinkGraph, testJobGraph } from './test-support/test-job-graphs';
import { waitUntil } from '../test/harness/wait-for';

let fx: JobManagerFixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

/** source (2) → sink (1), rebalanced. */
const twoToOne = () =>
  testJobGraph(
    'two-to-one',
    [
      { uid: 'source', kind: 'source.socket', parallelism: 2 },
      { uid: 'sink', kind: 'sink.print', parallelism: 1 },
    ],
    [{ from: 'source', to: 'sink', partitioner: 'rebalance' }],
  );

describe('slot sharing and spreading', () => {
  it('2 TMs × 2 slots, parallelism 2 and 1: one slot per TM, subtask i of every vertex in slot i', async () => {
    fx = await JobManagerFixture.start();
    const [a, b] = [await fx.addTaskManager({ slots: 2 }), await fx.addTaskManager({ slots: 2 })];
    const graph = twoToOne();
    const [source, sink] = graph.vertices;
    const jobId = await fx.submit(graph);
    await waitUntil(() => a.deployments.length + b.deployments.length === 3, 'three deployments');

    const placed = [...a.deployments, ...b.deployments].map((d) => `${d.vertexId === source.id ? 'source' : 'sink'}[${d.subtask}]@${a.deployments.includes(d) ? 'a' : 'b'}/${d.slot}`);
    expect(placed.sort()).toEqual(['sink[0]@a/0', 'source[0]@a/0', 'source[1]@b/0']);

    const status = await fx.status(jobId);
    expect(status.job.state).toBe('RUNNING');
    const bySubtask = Object.fromEntries(status.vertices.map((v) => [v.name, v.subtasks.map((s) => `${s.taskManagerId}:${s.state}`)]));
    expect(bySubtask).toEqual({ source: ['tm-0:DEPLOYING', 'tm-1:DEPLOYING'], sink: ['tm-0:DEPLOYING'] });
    expect(sink.id).toBe(status.vertices[1].id);
    expect(fx.jm.slotPool.freeSlots).toBe(2);
  });

  it('deploys descriptors with consumer locations and producer counts over real gRPC', async () => {
    fx = await JobManagerFixture.start();
    const a = await fx.addTaskManager({ slots: 1, dataPortBase: 31000 });
    const b = await fx.addTaskManager({ slots: 1, dataPortBase: 32000 });
    const graph = sourceMapSinkGraph('descriptors', 2, 'hash');
    const [source, map, sink] = graph.vertices;
    const jobId = await fx.submit(graph);
    await waitUntil(() => a.deployments.length + b.deployments.length === 5, 'five deployments');

    const all = [...a.deployments, ...b.deployments];
    const src0 = all.find((d) => d.vertexId === source.id && d.subtask === 0)!;
    const mapTmOf = (i: number) => (a.deployments.some((d) => d.vertexId === map.id && d.subtask === i) ? a : b);
    expect(src0).toMatchObject({ jobId, attempt: 0, parallelism: 2, inputs: [] });
    expect(src0.outputs).toHaveLength(1);
    expect(src0.outputs[0]).toMatchObject({ partitioner: 'hash', targetVertex: map.id, maxParallelism: 128, keySelectorId: graph.edges[0].keySelectorId });
    expect(src0.outputs[0].consumers).toEqual(
      [0, 1].map((i) => {
        const tm = mapTmOf(i);
        return { taskManagerId: tm.id, host: '127.0.0.1', port: tm === a ? 31000 : 32000, slot: 0 };
      }),
    );
    const sink0 = all.find((d) => d.vertexId === sink.id)!;
    expect(sink0.inputs).toEqual([{ edgeId: graph.edges[1].id, sourceVertex: map.id, numProducers: 2, targetInput: 0, targetOperatorId: graph.edges[1].targetOperatorId }]);
    expect(sink0.outputs).toEqual([]);
  });
});

describe('waiting for slots', () => {
  it('fails the job with a NoResourcesError cause when slots do not come in time', async () => {
    fx = await JobManagerFixture.start({ slotRequestTimeoutMs: 300 });
    await fx.addTaskManager({ slots: 1 });
    await fx.addTaskManager({ slots: 1 });
    const jobId = await fx.submit(sourceMapSinkGraph('x', 4));
    expect((await fx.status(jobId)).job.state).toBe('CREATED');
    const status = await fx.waitForJobState(jobId, 'FAILED');
    expect(status.job.failureCause).toBe(
      "Could not acquire 4 slots for job 'x' within 300 ms: the cluster has 2 free slots (2 TaskManagers, 2 slots in total). Start more TaskManagers or lower the parallelism.",
    );
    expect(status.job.endTime).toBeGreaterThan(0);
    expect(fx.taskManagers.every((tm) => tm.deployments.length === 0)).toBe(true);
  });

  it('schedules once a TaskManager with enough slots registers', async () => {
    fx = await JobManagerFixture.start({ slotRequestTimeoutMs: 10_000 });
    await fx.addTaskManager({ slots: 1 });
    const jobId = await fx.submit(sourceMapSinkGraph('later', 2));
    expect((await fx.status(jobId)).job.state).toBe('CREATED');
    const late = await fx.addTaskManager({ slots: 1 });
    await fx.waitForJobState(jobId, 'RUNNING');
    await waitUntil(() => late.deployments.length > 0, 'deployments on the new TaskManager');
  });
});

describe('finishing', () => {
  it('is FINISHED when every task finished, and frees the slots', async () => {
    fx = await JobManagerFixture.start();
    const a = await fx.addTaskManager({ slots: 2, autoRun: true });
    const jobId = await fx.submit(sourceMapSinkGraph('bounded', 2));
    await waitUntil(() => a.deployments.length === 5, 'five deployments');
    await waitUntil(async () => (await fx!.status(jobId)).vertices.every((v) => v.state === 'RUNNING'), 'all tasks RUNNING');
    expect(fx.jm.slotPool.freeSlots).toBe(0);

    await a.reportAll('FINISHED', a.deployments[0].vertexId);
    expect((await fx.status(jobId)).job.state).toBe('RUNNING');
    await a.reportAll('FINISHED');
    const status = await fx.waitForJobState(jobId, 'FINISHED');
    expect(status.job.failureCause).toBe('');
    expect(status.vertices.every((v) => v.state === 'FINISHED')).toBe(true);
    expect(fx.jm.slotPool.freeSlots).toBe(2);
    expect(a.cancellations).toEqual([]);
  });
});
