import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../jobmanager/test-support/job-manager-fixture';
import { restBackendOf } from '../../jobmanager/rest/test-support/rest-backend';
import { buildRestApp } from '../../jobmanager/rest/rest-server';
import { sourceMapSinkGraph } from '../../jobmanager/test-support/test-job-graphs';
import { Logger } from '../../common/logger';
import { SeededRandom } from './seeded-random';

/**
 * Seeded fuzz of REST bodies: random JSON values, random bytes and random content types sent to
 * every route that takes a body. Bounded in count and time. No answer may be a 5xx; every
 * error is `{"errors": [string]}`; the JobManager answers normally afterwards.
 */
const SEED = 12;
const CASES = 400;
let fx: JobManagerFixture;
let app: FastifyInstance;
let ended = '';

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  app = buildRestApp(restBackendOf(fx.jm), new Logger('rest-fuzz'), { jobFileTimeoutMs: 2_000, maxBuildMemoryMb: 64 });
  await fx.addTaskManager({ slots: 2, autoRun: true });
  ended = await fx.submit(sourceMapSinkGraph('fuzz-ended', 1));
  await fx.waitForJobState(ended, 'RUNNING');
  await fx.cancel(ended);
  await fx.waitForJobState(ended, 'CANCELED');
});
afterAll(async () => {
  await app.close();
  await fx.close();
});

describe(`REST body fuzz (seed ${SEED}, ${CASES} requests)`, () => {
  it('never a 5xx, always the error shape', { timeout: 60_000 }, async () => {
    const r = new SeededRandom(SEED);
    const routes: Array<['POST' | 'PATCH', () => string]> = [
      ['POST', () => `/jobs/${ended}/savepoints`],
      ['POST', () => `/jobs/${ended}/stop`],
      ['POST', () => `/jobs/${r.pick([ended, 'f'.repeat(32), r.string(40)])}/stop`],
      ['PATCH', () => `/jobs/${ended}?mode=${encodeURIComponent(r.string(8))}`],
      ['POST', () => '/jars/00000000-0000-0000-0000-000000000000_a.js/run'],
      ['POST', () => `/jars/${encodeURIComponent(r.string(60))}/run`],
      ['POST', () => '/jars/upload'],
    ];
    const types = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=x', 'application/octet-stream', ''];
    const started = Date.now();
    const bad: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const [method, url] = r.pick(routes);
      const type = r.pick(types);
      const payload = r.next() < 0.7 ? JSON.stringify(r.value(4)) : r.bytes(r.int(512));
      const res = await app.inject({ method, url: url(), payload, headers: type ? { 'content-type': type } : {} });
      if (res.statusCode >= 500) bad.push(`${method} ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (res.statusCode >= 400) {
        const body = res.json() as { errors?: unknown };
        if (!Array.isArray(body.errors) || body.errors.length === 0 || body.errors.some((e) => typeof e !== 'string')) bad.push(`${method} ${res.statusCode} not the error shape: ${res.body.slice(0, 200)}`);
      }
    }
    expect(bad).toEqual([]);
    expect(Date.now() - started).toBeLessThan(45_000);
    expect((await app.inject({ method: 'GET', url: '/overview' })).statusCode).toBe(200);
  });
});
