import type { FastifyInstance } from 'fastify';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_WATERMARK } from '../../../common/event-time';
import type { RestartStrategy } from '../../failover/restart-strategy';
import { JobManagerMetrics } from '../../metrics/prometheus-metrics';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import type { ProtocolTaskManager } from '../../test-support/protocol-task-manager';
import { sourceMapSinkGraph } from '../../test-support/test-job-graphs';
import { waitUntil } from '../../../test/harness/wait-for';
import { restBackendOf } from '../test-support/rest-backend';
import { schemaCheckedApp } from '../test-support/schema-checked-app';
import { TestCheckpointing } from '../test-support/test-checkpointing';

const graph = sourceMapSinkGraph('cluster-job', 2, 'hash');
let fx: JobManagerFixture;
let tm: ProtocolTaskManager;
let app: FastifyInstance;
let violations: string[];
let jobId: string;
let dashboardDir: string;
// Restarts the first failure only, so the restart counter can be seen to move.
let failures = 0;
const restartOnce: RestartStrategy = { name: 'test-once', onFailure: () => (++failures === 1 ? { restart: true, delayMs: 0 } : { restart: false }) };

beforeAll(async () => {
  fx = await JobManagerFixture.start({}, { restartStrategyFactory: () => restartOnce });
  dashboardDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-dashboard-test-'));
  fs.mkdirSync(path.join(dashboardDir, 'assets'));
  fs.writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><title>Sluice</title><div id="app"></div>');
  fs.writeFileSync(path.join(dashboardDir, 'assets', 'app.js'), 'console.log("dashboard")');
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm), { dashboardDir }));
  tm = await fx.addTaskManager({ slots: 3, autoRun: true });
  await fx.addTaskManager({ slots: 1 });
  jobId = await fx.submit(graph);
  await waitUntil(() => tm.deployments.length + fx.taskManagers[1].deployments.length === 5, 'deployments');
  await fx.waitForJobState(jobId, 'RUNNING');
});
afterAll(async () => {
  await app.close();
  await fx.close();
  fs.rmSync(dashboardDir, { recursive: true, force: true });
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /taskmanagers/:tmid', () => {
  it('shows slots, memory, CPU, uptime and the subtasks in each slot', async () => {
    const res = await get(`/taskmanagers/${tm.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: tm.id, path: tm.rpcAddress, slotsNumber: 3, hardware: { cpuCores: 2, physicalMemory: 1024 ** 3 }, pid: process.pid, uptime: expect.any(Number),
    });
    expect(body['registered-at']).toBeLessThanOrEqual(Date.now());
    const allocated = body.slots.filter((s: any) => s.status === 'ALLOCATED');
    expect(body.freeSlots).toBe(body.slots.length - allocated.length);
    const subtasks = allocated.flatMap((s: any) => s.subtasks);
    expect(subtasks.length).toBe(tm.deployments.length);
    expect(allocated[0]).toMatchObject({ jobId, jobName: 'cluster-job' });
    expect(subtasks[0]).toMatchObject({ jobId, status: 'RUNNING', attempt: 0, vertexName: expect.any(String) });
    // Slot sharing: one subtask of each vertex at most in a slot.
    for (const s of allocated) expect(new Set(s.subtasks.map((t: any) => t.vertexId)).size).toBe(s.subtasks.length);
  });

  it('answers 404 for an unknown TaskManager and 400 for a malformed id', async () => {
    const res = await get('/taskmanagers/tm-404');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errors: ['TaskManager tm-404 not found; GET /taskmanagers lists the registered ones'] });
    expect((await get('/taskmanagers/bad%20id')).statusCode).toBe(400);
  });
});

describe('GET /jobmanager/config and /config', () => {
  it('lists the effective configuration as key/value pairs', async () => {
    const body = (await get('/jobmanager/config')).json() as Array<{ key: string; value: string }>;
    const map = new Map(body.map((e) => [e.key, e.value]));
    expect(map.get('host')).toBe('127.0.0.1');
    expect(map.get('heartbeat-interval-ms')).toBe(String(fx.jm.config.heartbeatIntervalMs));
    expect(map.get('data-dir')).toBe(fx.jm.config.dataDir);
  });

  it('tells the dashboard its refresh interval and the version', async () => {
    expect((await get('/config')).json()).toMatchObject({ 'refresh-interval': 1000, 'sluice-version': expect.stringMatching(/^\d+\.\d+\.\d+/), features: { 'web-submit': true }, 'auth-required': false });
  });
});

describe('GET /metrics', () => {
  function value(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
    for (const line of text.split('\n')) {
      if (!line.startsWith(name + '{') && !line.startsWith(name + ' ')) continue;
      if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
    return undefined;
  }

  it('exposes cluster, vertex, heartbeat and restart metrics in Prometheus text format', async () => {
    const [, map] = graph.vertices;
    const metric = { jobId, vertexId: map.id, subtask: 0, recordsIn: 120, recordsOut: 100, bytesIn: 0, bytesOut: 0, busyMs: 0, backpressuredMs: 0, currentWatermark: NO_WATERMARK, watermarkIdle: false, attempt: 0 };
    expect(await tm.heartbeat([metric])).toBe(true);
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.body;
    expect(text).toContain('# TYPE sluice_vertex_records_in_total counter');
    expect(value(text, 'sluice_taskmanagers')).toBe(2);
    expect(value(text, 'sluice_slots_total')).toBe(4);
    expect(value(text, 'sluice_slots_available')).toBe(2);
    expect(value(text, 'sluice_jobs', { state: 'RUNNING' })).toBe(1);
    expect(value(text, 'sluice_vertex_records_in_total', { job_id: jobId, vertex_id: map.id, vertex_name: 'map' })).toBe(120);
    expect(value(text, 'sluice_vertex_records_out_total', { vertex_id: map.id })).toBe(100);
    expect(value(text, 'sluice_taskmanager_heartbeats_total', { taskmanager_id: tm.id })).toBeGreaterThanOrEqual(1);
    expect(value(text, 'sluice_taskmanager_slots', { taskmanager_id: tm.id, state: 'allocated' })).toBe(1);
    expect(text).toContain('sluice_jobmanager_process_cpu_seconds_total');
  });

  it('counts restarts when they happen', async () => {
    const before = tm.deployments.length + fx.taskManagers[1].deployments.length;
    await tm.report(tm.deployments[0], 'FAILED', 'Error: transient');
    await waitUntil(() => tm.deployments.length + fx.taskManagers[1].deployments.length === before + 5, 'redeployment');
    const text = (await get('/metrics')).body;
    expect(value(text, 'sluice_job_restarts_total', { job_id: jobId, job_name: 'cluster-job' })).toBe(1);
  });

  it('reads checkpoint durations and sizes from the checkpoint statistics', async () => {
    const checkpointing = new TestCheckpointing(fx.jm.dispatcher);
    const entry = {
      id: 7, status: 'COMPLETED' as const, is_savepoint: false, trigger_timestamp: 1, latest_ack_timestamp: 2, state_size: 2048, end_to_end_duration: 1500,
      alignment_duration: 0, num_subtasks: 5, num_acknowledged_subtasks: 5, external_path: '/tmp/chk-7',
    };
    checkpointing.stats.set(jobId, { counts: { restored: 0, total: 8, in_progress: 1, completed: 6, failed: 1 }, latest: { completed: entry, savepoint: null, failed: null, restored: null }, history: [entry] });
    const metrics = new JobManagerMetrics({ ...restBackendOf(fx.jm), checkpointing });
    const text = await metrics.scrape();
    expect(value(text, 'sluice_checkpoint_last_duration_seconds', { job_id: jobId })).toBe(1.5);
    expect(value(text, 'sluice_checkpoint_last_size_bytes', { job_id: jobId })).toBe(2048);
    expect(value(text, 'sluice_checkpoints_completed_total', { job_id: jobId })).toBe(6);
    expect(value(text, 'sluice_checkpoints_failed_total', { job_id: jobId })).toBe(1);
    expect(value(text, 'sluice_checkpoints_in_progress', { job_id: jobId })).toBe(1);
  });
});

describe('GET / (the dashboard)', () => {
  it('serves the dashboard page and its assets', async () => {
    const page = await get('/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<div id="app">');
    const script = await get('/assets/app.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('javascript');
  });

  it('answers a missing asset with 404 and an errors body, and explains an unbuilt dashboard', async () => {
    const missing = await get('/assets/nope.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors).toHaveLength(1);
    const { app: unbuilt } = schemaCheckedApp(restBackendOf(fx.jm), { dashboardDir: path.join(dashboardDir, 'missing') });
    const res = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('npm run build');
    await unbuilt.close();
  });
});
