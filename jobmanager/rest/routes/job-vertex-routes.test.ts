import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type TaskMetrics } from '../../../proto/messages';
import { NO_WATERMARK } from '../../../common/event-time';
import { TaskMetricsStore } from '../../metrics/task-metrics-store';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import type { ProtocolTaskManager } from '../../test-support/protocol-task-manager';
import { sourceMapSinkGraph } from '../../test-support/test-job-graphs';
import { restBackendOf } from '../test-support/rest-backend';
import { getJson, schemaCheckedApp } from '../test-support/schema-checked-app';
import { waitFor } from '../../../test/harness/wait-for';

const graph = sourceMapSinkGraph('vertex-job', 2, 'hash');
const [source, map, sink] = graph.vertices;
let fx: JobManagerFixture;
let tm: ProtocolTaskManager;
let app: FastifyInstance;
let violations: string[];
let jobId: string;
const clock = { now: 1_000_000 };
const store = new TaskMetricsStore({ now: () => clock.now });

function m(vertexId: string, subtask: number, over: Partial<TaskMetrics>): TaskMetrics {
  return { jobId, vertexId, subtask, recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0, busyMs: 0, backpressuredMs: 0, currentWatermark: NO_WATERMARK, watermarkIdle: false, attempt: 0, ...over };
}

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  // A store on a test clock: the heartbeats below are one simulated second apart.
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm, { metrics: store })));
  tm = await fx.addTaskManager({ slots: 2, autoRun: true });
  jobId = await fx.submit(graph);
  await fx.waitForJobState(jobId, 'RUNNING');
  // The job is RUNNING once scheduled; its tasks report RUNNING a moment later.
  await waitFor(async () => (await get(`/jobs/${jobId}/vertices/${map.id}`)).body.subtasks?.every((s: { status: string }) => s.status === 'RUNNING'), {
    message: 'every map subtask RUNNING',
  });
  store.update([m(source.id, 0, {}), m(source.id, 1, {}), m(map.id, 0, {}), m(map.id, 1, {})]);
  clock.now += 1_000;
  store.update([
    m(source.id, 0, { recordsOut: 2_000, backpressuredMs: 700, busyMs: 200, bytesOut: 20_000 }),
    m(source.id, 1, { recordsOut: 1_000, backpressuredMs: 50, busyMs: 100 }),
    m(map.id, 0, { recordsIn: 1_500, recordsOut: 1_500, busyMs: 950, currentWatermark: 42_000 }),
    m(map.id, 1, { recordsIn: 1_500, recordsOut: 1_500, busyMs: 900, currentWatermark: 41_000 }),
  ]);
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

const get = (url: string) => getJson(app, url);

describe('GET /jobs/:jid/plan', () => {
  it('gives the job graph: vertices with parallelism and operators, inputs with their partitioner', async () => {
    const { status, body } = await get(`/jobs/${jobId}/plan`);
    expect(status).toBe(200);
    expect(body.plan).toMatchObject({ jid: jobId, name: 'vertex-job', type: 'STREAMING' });
    expect(body.plan.nodes.map((n: any) => [n.id, n.parallelism, n.description, n.inputs?.map((i: any) => [i.id, i.ship_strategy])])).toEqual([
      [source.id, 2, 'source', undefined],
      [map.id, 2, 'map', [[source.id, 'HASH']]],
      [sink.id, 1, 'sink', [[map.id, 'REBALANCE']]],
    ]);
    expect(body.plan.nodes[0].operators).toEqual([{ name: 'source', kind: 'source.socket', uid: 'source' }]);
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expect((await get(`/jobs/${'0'.repeat(32)}/plan`)).status).toBe(404);
    expect((await get('/jobs/zz/plan')).status).toBe(400);
  });
});

describe('GET /jobs/:jid vertex rates', () => {
  it('adds records/s, back-pressure and the watermark to each vertex', async () => {
    const { body } = await get(`/jobs/${jobId}`);
    const [s, mp, sk] = body.vertices;
    expect(s.rates).toMatchObject({ 'write-records-per-second': 3_000, 'backpressure-ratio': 0.7, 'backpressure-level': 'high' });
    expect(mp.rates).toMatchObject({ 'read-records-per-second': 3_000, 'busy-ratio': 0.95, 'backpressure-level': 'ok' });
    expect(mp['current-watermark']).toBe(41_000);
    expect(sk['current-watermark']).toBeNull();
  });
});

describe('GET /jobs/:jid/vertices/:vid', () => {
  it('shows each subtask: where it runs, its totals, rates and watermark', async () => {
    const { status, body } = await get(`/jobs/${jobId}/vertices/${map.id}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: map.id, name: 'map', parallelism: 2, maxParallelism: 128, now: expect.any(Number) });
    expect(body.subtasks).toHaveLength(2);
    expect(body.subtasks[1]).toMatchObject({
      subtask: 1,
      status: 'RUNNING',
      attempt: 0,
      endpoint: tm.rpcAddress,
      'taskmanager-id': tm.id,
      slot: expect.any(Number),
      metrics: { 'read-records': 1_500, 'write-records': 1_500, 'accumulated-busy-time': 900 },
      rates: { 'read-records-per-second': 1_500, 'busy-ratio': 0.9, 'backpressure-level': 'ok' },
      'current-watermark': 41_000,
      'watermark-idle': false,
      'metrics-timestamp': clock.now,
    });
    expect(body.subtasks[0]['start-time']).toBeGreaterThan(0);
    expect(body.subtasks[0]['end-time']).toBe(-1);
  });

  it('shows a subtask without heartbeat metrics with zeros and no watermark', async () => {
    const { body } = await get(`/jobs/${jobId}/vertices/${sink.id}`);
    expect(body.subtasks[0]).toMatchObject({ metrics: { 'read-records': 0 }, 'current-watermark': null, 'metrics-timestamp': null });
  });

  it('answers 404 for an unknown vertex or job and 400 for malformed ids', async () => {
    const unknown = await get(`/jobs/${jobId}/vertices/${'9'.repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toContain(`has no vertex ${'9'.repeat(32)}`);
    expect((await get(`/jobs/${'0'.repeat(32)}/vertices/${map.id}`)).status).toBe(404);
    expect((await get(`/jobs/${jobId}/vertices/a%20b`)).status).toBe(400);
    expect((await get(`/jobs/${jobId}/vertices/${'x'.repeat(200)}`)).status).toBe(414);
    expect((await get(`/jobs/${jobId}/vertices/x!y`)).status).toBe(400);
    expect((await get(`/jobs/nope/vertices/${map.id}`)).status).toBe(400);
  });
});

describe('GET /jobs/:jid/vertices/:vid/backpressure', () => {
  it('gives Flink\'s back-pressure levels per subtask and the worst for the vertex', async () => {
    const { status, body } = await get(`/jobs/${jobId}/vertices/${source.id}/backpressure`);
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ok',
      'backpressure-level': 'high',
      'end-timestamp': expect.any(Number),
      subtasks: [
        { subtask: 0, attemptNumber: 0, 'backpressure-level': 'high', ratio: 0.7, busyRatio: 0.2, idleRatio: 0.1 },
        { subtask: 1, attemptNumber: 0, 'backpressure-level': 'ok', ratio: 0.05, busyRatio: 0.1, idleRatio: 0.85 },
      ],
    });
  });

  it('is ok for a vertex without metrics, 404 for an unknown vertex', async () => {
    expect((await get(`/jobs/${jobId}/vertices/${sink.id}/backpressure`)).body).toMatchObject({ 'backpressure-level': 'ok', subtasks: [{ ratio: 0 }] });
    expect((await get(`/jobs/${jobId}/vertices/${'8'.repeat(32)}/backpressure`)).status).toBe(404);
  });
});

describe('GET /jobs/:jid/vertices/:vid/watermarks', () => {
  it("gives Flink's per-subtask list: event time as a string, Long.MIN_VALUE before the first watermark", async () => {
    const { status, body } = await get(`/jobs/${jobId}/vertices/${map.id}/watermarks`);
    expect(status).toBe(200);
    expect(body).toEqual([
      { id: '0.currentInputWatermark', value: '42000' },
      { id: '1.currentInputWatermark', value: '41000' },
    ]);
    expect((await get(`/jobs/${jobId}/vertices/${sink.id}/watermarks`)).body).toEqual([{ id: '0.currentInputWatermark', value: '-9223372036854775808' }]);
  });

  it('is the same under /v1/, and 404 for an unknown vertex', async () => {
    expect((await get(`/v1/jobs/${jobId}/vertices/${map.id}/watermarks`)).body).toEqual((await get(`/jobs/${jobId}/vertices/${map.id}/watermarks`)).body);
    expect((await get(`/jobs/${jobId}/vertices/${'8'.repeat(32)}/watermarks`)).status).toBe(404);
  });
});
