import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointStatsTracker } from '../../checkpoint/checkpoint-stats-tracker';
import { PendingCheckpoint } from '../../checkpoint/pending-checkpoint';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import { sourceMapSinkGraph } from '../../test-support/test-job-graphs';
import { restBackendOf } from '../test-support/rest-backend';
import { getJson, schemaCheckedApp } from '../test-support/schema-checked-app';
import { TestCheckpointing } from '../test-support/test-checkpointing';

const graph = sourceMapSinkGraph('checkpointed-job', 2);
const [source, map, sink] = graph.vertices;
let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];
let jobId: string;

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  const checkpointing = new TestCheckpointing(fx.jm.dispatcher);
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm, { checkpointing })));
  await fx.addTaskManager({ slots: 2, autoRun: true });
  jobId = await fx.submit(graph);
  // The details come from the tracker the coordinator uses, fed a checkpoint two of whose five subtasks acknowledged.
  const tracker = new CheckpointStatsTracker();
  const tasks = [`${source.id}/0`, `${source.id}/1`, `${map.id}/0`, `${map.id}/1`, `${sink.id}/0`];
  const p = new PendingCheckpoint(7, 0, 10_000, 'file:///tmp/chk-7', false, tasks);
  tracker.triggered(p);
  p.acknowledge(source.id, 0, { handle: { size: 64 } as never, alignmentMs: 0, syncMs: 1, asyncMs: 5 }, 10_040);
  p.acknowledge(map.id, 1, { handle: { size: 2_048 } as never, alignmentMs: 17, syncMs: 2, asyncMs: 30 }, 10_090);
  tracker.acknowledged(p);
  checkpointing.details.set(`${jobId}/7`, tracker.details(7)!);
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

const get = (url: string) => getJson(app, url);

describe('GET /jobs/:jid/checkpoints/details/:cid', () => {
  it('gives the checkpoint with each vertex, named, and its subtasks: ack time, state size, sync/async and alignment', async () => {
    const { status, body } = await get(`/jobs/${jobId}/checkpoints/details/7`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 7, status: 'IN_PROGRESS', num_subtasks: 5, num_acknowledged_subtasks: 2, state_size: 2_112 });
    expect(Object.keys(body.tasks).sort()).toEqual([source.id, map.id, sink.id].sort());
    expect(body.tasks[map.id]).toMatchObject({ name: 'map', num_subtasks: 2, num_acknowledged_subtasks: 1, state_size: 2_048, alignment_duration: 17, latest_ack_timestamp: 10_090, end_to_end_duration: 90 });
    expect(body.tasks[map.id].subtasks[1]).toEqual({ index: 1, status: 'completed', ack_timestamp: 10_090, end_to_end_duration: 90, state_size: 2_048, checkpoint: { sync: 2, async: 30 }, alignment: { duration: 17 } });
    expect(body.tasks[sink.id].subtasks).toEqual([expect.objectContaining({ index: 0, status: 'pending_or_failed', ack_timestamp: -1 })]);
  });

  it("gives one vertex under Flink's .../subtasks/:vid", async () => {
    const { status, body } = await get(`/v1/jobs/${jobId}/checkpoints/details/7/subtasks/${source.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: source.id, name: 'source', num_acknowledged_subtasks: 1, subtasks: [{ index: 0, status: 'completed', state_size: 64 }, { index: 1, status: 'pending_or_failed' }] });
  });

  it('answers 404 for a checkpoint not in the statistics or an unknown vertex, 400 for a malformed id', async () => {
    const missing = await get(`/jobs/${jobId}/checkpoints/details/8`);
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]).toContain(`GET /jobs/${jobId}/checkpoints lists them`);
    expect((await get(`/jobs/${jobId}/checkpoints/details/7/subtasks/${'9'.repeat(32)}`)).status).toBe(404);
    expect((await get(`/jobs/${jobId}/checkpoints/details/seven`)).status).toBe(400);
    expect((await get(`/jobs/${'0'.repeat(32)}/checkpoints/details/7`)).status).toBe(404);
  });
});
