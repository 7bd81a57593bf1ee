import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../test-support/job-manager-fixture';
import type { ProtocolTaskManager } from '../test-support/protocol-task-manager';
import { sourceMapSinkGraph } from '../test-support/test-job-graphs';
import { waitUntil } from '../../test/harness/wait-for';
import { schemaCheckedApp } from './test-support/schema-checked-app';

let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];
let tm: ProtocolTaskManager;
let running: string;
let failed: string;
const graph = sourceMapSinkGraph('rest-job', 2, 'hash');

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  ({ app, violations } = schemaCheckedApp(fx.jm));
  tm = await fx.addTaskManager({ slots: 4, autoRun: true, dataPortBase: 41000 });
  running = await fx.submit(graph);
  await waitUntil(() => tm.deployments.length === 5, 'deployments');
  await waitUntil(async () => (await fx.status(running)).vertices.every((v) => v.state === 'RUNNING'), 'running tasks');
  failed = await fx.submit(sourceMapSinkGraph('doomed', 1));
  await waitUntil(() => tm.deployments.length === 8, 'deployments of the second job');
  await tm.report(tm.deployments[5], 'FAILED', 'RangeError: out of range');
  await fx.waitForJobState(failed, 'FAILED');
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}

describe('GET /overview and /taskmanagers', () => {
  it('summarises the cluster', async () => {
    const { status, body } = await get('/overview');
    expect(status).toBe(200);
    expect(body).toEqual({
      taskmanagers: 1,
      'slots-total': 4,
      'slots-available': 2,
      'jobs-running': 1,
      'jobs-finished': 0,
      'jobs-cancelled': 0,
      'jobs-failed': 1,
      'sluice-version': expect.stringMatching(/^\d+\.\d+\.\d+/),
    });
  });

  it('lists TaskManagers in Flink\'s shape', async () => {
    const { body } = await get('/taskmanagers');
    expect(body.taskmanagers).toEqual([
      {
        id: 'tm-0',
        path: tm.rpcAddress,
        dataPort: 41000,
        slotsNumber: 4,
        freeSlots: 2,
        timeSinceLastHeartbeat: expect.any(Number),
        hardware: { cpuCores: 2, physicalMemory: 1024 * 1024 * 1024 },
      },
    ]);
  });
});

describe('GET /jobs, /jobs/overview', () => {
  it('lists ids and states', async () => {
    const { body } = await get('/jobs');
    expect(body).toEqual({ jobs: [{ id: running, status: 'RUNNING' }, { id: failed, status: 'FAILED' }] });
  });

  it('gives one overview line per job with task counts', async () => {
    const { body } = await get('/jobs/overview');
    const [r, f] = body.jobs;
    expect(r).toMatchObject({ jid: running, name: 'rest-job', state: 'RUNNING', 'end-time': -1 });
    expect(r['start-time']).toBeGreaterThan(0);
    expect(r.duration).toBeGreaterThanOrEqual(0);
    expect(r.tasks).toMatchObject({ total: 5, running: 5, failed: 0, created: 0 });
    expect(f).toMatchObject({ jid: failed, name: 'doomed', state: 'FAILED', tasks: { total: 3, failed: 1, canceled: 2 } });
    expect(f['end-time']).toBeGreaterThanOrEqual(f['start-time']);
  });
});

describe('GET /jobs/:jid', () => {
  it('shows vertices with task counts, heartbeat metrics and the plan', async () => {
    const [source, map, sink] = graph.vertices;
    const metric = (vertexId: string, subtask: number, recordsIn: number, recordsOut: number) => ({
      jobId: running, vertexId, subtask, recordsIn, recordsOut, bytesIn: recordsIn * 10, bytesOut: recordsOut * 10, busyMs: 1, backpressuredMs: 0, currentWatermark: 0, watermarkIdle: false, attempt: 0,
    });
    expect(await tm.heartbeat([metric(map.id, 0, 100, 90), metric(map.id, 1, 50, 45), metric(source.id, 0, 0, 70)])).toBe(true);

    const { status, body } = await get(`/jobs/${running}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ jid: running, name: 'rest-job', state: 'RUNNING', 'end-time': -1, now: expect.any(Number) });
    expect(body['start-time']).toBeGreaterThan(0);
    expect(body.duration).toBeGreaterThanOrEqual(0);
    expect(body.vertices.map((v: any) => [v.id, v.name, v.parallelism, v.status])).toEqual([
      [source.id, 'source', 2, 'RUNNING'],
      [map.id, 'map', 2, 'RUNNING'],
      [sink.id, 'sink', 1, 'RUNNING'],
    ]);
    const mapV = body.vertices[1];
    expect(mapV.tasks).toMatchObject({ RUNNING: 2, FAILED: 0, CREATED: 0 });
    expect(mapV['start-time']).toBeGreaterThan(0);
    expect(mapV.metrics).toMatchObject({ 'read-records': 150, 'write-records': 135, 'read-bytes': 1500, 'write-bytes': 1350 });
    expect(body.vertices[2].metrics['read-records']).toBe(0);
    expect(body.plan.nodes).toEqual([
      expect.not.objectContaining({ inputs: expect.anything() }),
      expect.objectContaining({ id: map.id, parallelism: 2, inputs: [{ num: 0, id: source.id, ship_strategy: 'HASH', exchange: 'pipelined_bounded' }] }),
      expect.objectContaining({ id: sink.id, inputs: [expect.objectContaining({ id: map.id, ship_strategy: 'REBALANCE' })] }),
    ]);
    expect(body['status-counts']).toMatchObject({ RUNNING: 5 });
  });

  it('answers a malformed job id with 400 and an unknown one with 404', async () => {
    let res = await get('/jobs/not-a-job-id');
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: ["Invalid job id 'not-a-job-id': a job id is 32 hexadecimal characters"] });
    res = await get(`/jobs/${'0'.repeat(32)}`);
    expect(res.status).toBe(404);
    expect(res.body.errors[0]).toContain(`Job ${'0'.repeat(32)} not found`);
    res = await get(`/jobs/${'0'.repeat(31)}/exceptions`);
    expect(res.status).toBe(400);
  });
});

describe('GET /jobs/:jid/exceptions', () => {
  it('shows the root exception and the history of a failed job', async () => {
    const { status, body } = await get(`/jobs/${failed}/exceptions`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ 'root-exception': 'RangeError: out of range', timestamp: expect.any(Number), 'all-exceptions': [] });
    expect(body.exceptionHistory.entries).toEqual([
      {
        exceptionName: 'RangeError',
        stacktrace: 'RangeError: out of range',
        timestamp: expect.any(Number),
        taskName: 'source (1/1)',
        location: tm.rpcAddress,
        taskManagerId: 'tm-0',
        failureLabels: {},
        concurrentExceptions: [],
      },
    ]);
  });

  it('has no root exception for a healthy job', async () => {
    const { body } = await get(`/jobs/${running}/exceptions`);
    expect(body).toMatchObject({ 'root-exception': null, timestamp: null, exceptionHistory: { entries: [] } });
  });
});

describe('PATCH /jobs/:jid', () => {
  const patch = (url: string, extra: Record<string, unknown> = {}) => app.inject({ method: 'PATCH', url, ...extra });

  it('refuses modes other than cancel with 400', async () => {
    const res = await patch(`/jobs/${running}?mode=stop`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errors: ['querystring/mode must be one of: cancel (got "stop")'] });
  });

  it('answers 404 for an unknown job and 400 for a malformed id', async () => {
    expect((await patch(`/jobs/${'a'.repeat(32)}?mode=cancel`)).statusCode).toBe(404);
    const res = await patch('/jobs/xyz?mode=cancel');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveLength(1);
  });

  it('answers 409 for a job that already ended', async () => {
    const res = await patch(`/jobs/${failed}?mode=cancel`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ errors: [`Job ${failed} is already FAILED; only a job that has not ended can be cancelled`] });
  });

  it('answers 400 for a malformed JSON body, never 5xx', async () => {
    const res = await patch(`/jobs/${running}?mode=cancel`, { headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveLength(1);
  });

  it('cancels with 202 {}', async () => {
    const res = await patch(`/jobs/${running.toUpperCase()}?mode=cancel`);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({});
    await fx.waitForJobState(running, 'CANCELED');
    expect((await get('/overview')).body).toMatchObject({ 'jobs-running': 0, 'jobs-cancelled': 1, 'slots-available': 4 });
  });
});

describe('other routes', () => {
  it('answers unknown routes with 404 and an errors body', async () => {
    for (const [method, url] of [['GET', '/nope'], ['POST', '/jobs'], ['DELETE', `/jobs/${'0'.repeat(32)}`]] as const) {
      const res = await app.inject({ method, url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errors: [`Not found: ${method} ${url}`] });
    }
  });

  it('answers malformed URLs and oversized input with 4xx and an errors body', async () => {
    const cases: Array<[string, number]> = [
      ['/jobs/%ZZ', 400],
      [`/jobs/${'a'.repeat(5000)}`, 414],
    ];
    for (const [url, status] of cases) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(status);
      expect(res.json().errors).toHaveLength(1);
    }
    const big = await app.inject({ method: 'PATCH', url: `/jobs/${failed}?mode=cancel`, headers: { 'content-type': 'application/json' }, payload: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ errors: ['Request body too large: at most 1048576 bytes'] });
  });

  it('serves the dashboard page at /', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('is also served over HTTP by the running JobManager', async () => {
    const res = await fetch(`${fx.addresses.restUrl}/jobs`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { jobs: unknown[] }).jobs).toHaveLength(2);
  });
});
