import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import { sourceMapSinkGraph, testArtifact } from '../../test-support/test-job-graphs';
import { restBackendOf } from '../test-support/rest-backend';
import { getJson, schemaCheckedApp } from '../test-support/schema-checked-app';

let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];
let configured: string;
let plain: string;

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm)));
  await fx.addTaskManager({ slots: 4, autoRun: true });
  const settings = { checkpoint: { intervalMs: 60_000, mode: 'at-least-once', timeoutMs: 9_000, retained: 3 }, restartStrategy: { type: 'fixed-delay', attempts: 3, delayMs: 100 }, bufferTimeoutMs: 50 };
  configured = await fx.submit({ ...sourceMapSinkGraph('configured-job', 2), configJson: JSON.stringify(settings) }, { ...testArtifact(), args: ['--port', '9999', '--verbose'], defaultParallelism: 2 });
  plain = await fx.submit(sourceMapSinkGraph('plain-job', 1));
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

const get = (url: string) => getJson(app, url);

describe('GET /jobs/:jid/config', () => {
  it("gives Flink's execution config with the job arguments as user-config, and the job's own settings", async () => {
    const { status, body } = await get(`/jobs/${configured}/config`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      jid: configured,
      name: 'configured-job',
      'execution-config': { 'execution-mode': 'PIPELINED', 'restart-strategy': 'fixed-delay', 'job-parallelism': 2, 'object-reuse-mode': false, 'user-config': { port: '9999', verbose: 'true' } },
      'job-file': 'test-job.js',
      'program-args': ['--port', '9999', '--verbose'],
    });
    expect(body['job-settings']).toContainEqual({ key: 'bufferTimeoutMs', value: '50' });
    expect(body['job-settings']).toContainEqual({ key: 'restartStrategy', value: JSON.stringify({ type: 'fixed-delay', attempts: 3, delayMs: 100 }) });
  });

  it('answers 404 for an unknown job, 400 for a malformed id, and the same under /v1/', async () => {
    expect((await get(`/jobs/${'0'.repeat(32)}/config`)).status).toBe(404);
    expect((await get('/jobs/xyz/config')).status).toBe(400);
    expect((await get(`/v1/jobs/${configured}/config`)).body).toEqual((await get(`/jobs/${configured}/config`)).body);
  });
});

describe('GET /jobs/:jid/checkpoints/config', () => {
  it("gives the job's checkpoint settings after the cluster's defaults", async () => {
    const { status, body } = await get(`/jobs/${configured}/checkpoints/config`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: 'at_least_once', interval: 60_000, timeout: 9_000, min_pause: 0, max_concurrent: 1, tolerable_failed_checkpoints: 0, retained_checkpoints: 3, unaligned_checkpoints: false });
    expect(body.checkpoint_storage).toMatch(/^file:\/\//);
  });

  it('shows interval 0 for a job without periodic checkpoints (savepoints still work)', async () => {
    expect((await get(`/jobs/${plain}/checkpoints/config`)).body).toMatchObject({ mode: 'exactly_once', interval: 0, timeout: 600_000 });
  });
});
