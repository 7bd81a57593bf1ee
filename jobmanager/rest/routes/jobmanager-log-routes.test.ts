import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../../../common/logger';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import { restBackendOf } from '../test-support/rest-backend';
import { schemaCheckedApp } from '../test-support/schema-checked-app';

let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm)));
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

describe('GET /jobmanager/log and /jobmanager/logs', () => {
  it("gives the JobManager's latest log lines as text, newest last", async () => {
    // Tests log at warn (vitest.config.ts): the view keeps what the Logger writes.
    new Logger('rest-log-test').warn('a line the log view must show', { marker: 'b7e1' });
    const res = await app.inject({ method: 'GET', url: '/jobmanager/log' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.body.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/WARN +\[rest-log-test\] a line the log view must show marker=b7e1$/);
    expect((await app.inject({ method: 'GET', url: '/v1/jobmanager/logs/jobmanager.log' })).body).toContain('marker=b7e1');
  });

  it("lists the log as Flink's log files, and 404s for another name", async () => {
    const res = await app.inject({ method: 'GET', url: '/jobmanager/logs' });
    expect(res.json()).toEqual({ logs: [{ name: 'jobmanager.log', size: expect.any(Number), mtime: expect.any(Number) }] });
    expect(res.json().logs[0].size).toBeGreaterThan(0);
    expect((await app.inject({ method: 'GET', url: '/jobmanager/logs/other.log' })).statusCode).toBe(404);
  });
});
