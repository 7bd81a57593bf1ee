import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import { sourceMapSinkGraph } from '../../test-support/test-job-graphs';
import { waitUntil } from '../../../test/harness/wait-for';
import { restBackendOf } from '../test-support/rest-backend';
import { schemaCheckedApp } from '../test-support/schema-checked-app';
import { TestCheckpointing } from '../test-support/test-checkpointing';

let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];
let checkpointing: TestCheckpointing;
let running: string;
let canceled: string;

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  checkpointing = new TestCheckpointing(fx.jm.dispatcher);
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm, { checkpointing })));
  await fx.addTaskManager({ slots: 4, autoRun: true });
  running = await fx.submit(sourceMapSinkGraph('savepointable', 2));
  canceled = await fx.submit(sourceMapSinkGraph('gone', 1));
  await fx.waitForJobState(running, 'RUNNING');
  await fx.cancel(canceled);
  await fx.waitForJobState(canceled, 'CANCELED');
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

const post = (url: string, body?: unknown) =>
  app.inject({ method: 'POST', url, ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
const status = async (jobId: string, rid: string) => (await app.inject({ method: 'GET', url: `/jobs/${jobId}/savepoints/${rid}` })).json();

describe('POST /jobs/:jid/savepoints', () => {
  it('answers 202 with a request id, then IN_PROGRESS, then COMPLETED with the location', async () => {
    const res = await post(`/jobs/${running}/savepoints`, { 'target-directory': '/tmp/sp', 'cancel-job': true });
    expect(res.statusCode).toBe(202);
    const rid = res.json()['request-id'];
    expect(rid).toMatch(/^[0-9a-f]{32}$/);
    const sp = checkpointing.requested.at(-1)!;
    expect(sp).toMatchObject({ jobId: running, request: { targetDirectory: '/tmp/sp', cancelJob: true } });
    expect(await status(running, rid)).toEqual({ status: { id: 'IN_PROGRESS' } });

    sp.resolve('file:///tmp/sp/savepoint-1');
    await waitUntil(async () => (await status(running, rid)).status.id === 'COMPLETED', 'the savepoint to complete');
    expect(await status(running, rid)).toEqual({ status: { id: 'COMPLETED' }, operation: { location: 'file:///tmp/sp/savepoint-1' } });
    expect(await status(running, rid.toUpperCase())).toMatchObject({ status: { id: 'COMPLETED' } });
  });

  it('reports a failed savepoint as COMPLETED with a failure cause, as Flink does', async () => {
    const rid = (await post(`/jobs/${running}/savepoints`, {})).json()['request-id'];
    checkpointing.requested.at(-1)!.reject(new RangeError('disk full'));
    await waitUntil(async () => (await status(running, rid)).status.id === 'COMPLETED', 'the savepoint to fail');
    expect(await status(running, rid)).toEqual({ status: { id: 'COMPLETED' }, operation: { 'failure-cause': { class: 'RangeError', 'stack-trace': 'disk full' } } });
  });

  it('accepts no body at all: the default directory, no cancel', async () => {
    const res = await post(`/jobs/${running}/savepoints`);
    expect(res.statusCode).toBe(202);
    expect(checkpointing.requested.at(-1)!.request).toEqual({ targetDirectory: undefined, cancelJob: false });
  });

  it('tracks a gateway that refuses at once as a failed operation', async () => {
    checkpointing.throwOnTrigger = new Error('no checkpoint storage');
    try {
      const rid = (await post(`/jobs/${running}/savepoints`, {})).json()['request-id'];
      await waitUntil(async () => (await status(running, rid)).status.id === 'COMPLETED', 'the failure to show');
      expect((await status(running, rid)).operation['failure-cause']['stack-trace']).toBe('no checkpoint storage');
    } finally {
      checkpointing.throwOnTrigger = undefined;
    }
  });

  it.each([
    [{ 'target-directory': 5 }, 'body/target-directory must be string'],
    [{ 'target-directory': '' }, 'body/target-directory must NOT have fewer than 1 characters'],
    [{ 'cancel-job': 'maybe' }, 'body/cancel-job must be boolean'],
    [{ targetDirectory: '/tmp/x' }, "body must NOT have additional properties: 'targetDirectory' is not a known field"],
    [[], 'body must be object'],
    ['{nope', undefined],
  ])('refuses body %j with 400', async (body, message) => {
    const before = checkpointing.requested.length;
    const res = await post(`/jobs/${running}/savepoints`, body);
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors;
    expect(errors).toHaveLength(1);
    if (message) expect(errors[0]).toContain(message);
    expect(checkpointing.requested.length).toBe(before);
  });

  it('answers 415 for a body in a format it does not read', async () => {
    const res = await app.inject({ method: 'POST', url: `/jobs/${running}/savepoints`, payload: '<target>/tmp</target>', headers: { 'content-type': 'application/xml' } });
    expect(res.statusCode).toBe(415);
    expect(res.json().errors).toHaveLength(1);
  });

  it('answers 400 for a malformed job id, 404 for an unknown job and 409 for an ended one', async () => {
    expect((await post('/jobs/xyz/savepoints', {})).statusCode).toBe(400);
    const unknown = await post(`/jobs/${'e'.repeat(32)}/savepoints`, {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0]).toContain('not found');
    const ended = await post(`/jobs/${canceled}/savepoints`, {});
    expect(ended.statusCode).toBe(409);
    expect(ended.json()).toEqual({ errors: [`Job ${canceled} is CANCELED: only a running job can take a savepoint`] });
  });
});

describe('POST /jobs/:jid/stop', () => {
  it('triggers a stop-with-savepoint tracked like a savepoint', async () => {
    const res = await post(`/jobs/${running}/stop`, { targetDirectory: '/tmp/stop', drain: true });
    expect(res.statusCode).toBe(202);
    const sp = checkpointing.requested.at(-1)!;
    expect(sp.request).toEqual({ targetDirectory: '/tmp/stop', stop: true, drain: true });
    sp.resolve('/tmp/stop/savepoint-2');
    const rid = res.json()['request-id'];
    await waitUntil(async () => (await status(running, rid)).status.id === 'COMPLETED', 'the stop to complete');
    expect((await status(running, rid)).operation).toEqual({ location: '/tmp/stop/savepoint-2' });
  });

  it('refuses bad bodies and unknown jobs', async () => {
    expect((await post(`/jobs/${running}/stop`, { drain: 'yes' })).statusCode).toBe(400);
    expect((await post(`/jobs/${running}/stop`, { 'target-directory': '/x' })).json().errors[0]).toContain('additional properties');
    expect((await post(`/jobs/${'f'.repeat(32)}/stop`, {})).statusCode).toBe(404);
    expect((await post(`/jobs/${canceled}/stop`, {})).statusCode).toBe(409);
  });
});

describe('GET /jobs/:jid/savepoints/:rid', () => {
  it('answers 404 for an unknown request id or one of another job, 400 for a malformed one', async () => {
    const rid = (await post(`/jobs/${running}/savepoints`, {})).json()['request-id'];
    let res = await app.inject({ method: 'GET', url: `/jobs/${running}/savepoints/${'0'.repeat(32)}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0]).toContain('No savepoint request');
    res = await app.inject({ method: 'GET', url: `/jobs/${canceled}/savepoints/${rid}` });
    expect(res.statusCode).toBe(404);
    res = await app.inject({ method: 'GET', url: `/jobs/${running}/savepoints/not-an-id` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveLength(1);
  });
});

describe('GET /jobs/:jid/checkpoints', () => {
  it('serves the checkpoint statistics of the job', async () => {
    const completed = {
      id: 3, status: 'COMPLETED' as const, is_savepoint: false, trigger_timestamp: 1000, latest_ack_timestamp: 1250, state_size: 4096,
      end_to_end_duration: 250, alignment_duration: 3, num_subtasks: 5, num_acknowledged_subtasks: 5, external_path: 'file:///tmp/chk-3',
    };
    const failed = { ...completed, id: 4, status: 'FAILED' as const, external_path: undefined, failure_message: 'timeout', num_acknowledged_subtasks: 2 };
    delete failed.external_path;
    const stats = {
      counts: { restored: 0, total: 2, in_progress: 0, completed: 1, failed: 1 },
      latest: { completed, savepoint: null, failed, restored: null },
      history: [failed, completed],
    };
    checkpointing.stats.set(running, stats);
    const res = await app.inject({ method: 'GET', url: `/jobs/${running}/checkpoints` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(stats);
  });

  it('answers an empty history for a job without checkpoints, 404 and 400 for bad ids', async () => {
    expect((await app.inject({ method: 'GET', url: `/jobs/${canceled}/checkpoints` })).json()).toMatchObject({ counts: { total: 0 }, history: [] });
    expect((await app.inject({ method: 'GET', url: `/jobs/${'1'.repeat(32)}/checkpoints` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/jobs/1/checkpoints' })).statusCode).toBe(400);
  });
});
