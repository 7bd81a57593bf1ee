import type { FastifyInstance } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../test-support/job-manager-fixture';
import { restBackendOf } from '../test-support/rest-backend';
import { schemaCheckedApp } from '../test-support/schema-checked-app';

const UNBOUNDED_JOB = `
export default function (env, params) {
  env.datagen({ rowsPerSecond: 10, fn: (i) => i }).name(params.get('name', 'numbers')).map((i) => i * 2).sinkTo({ createWriter: () => ({ write() {} }) });
}
`;

let fx: JobManagerFixture;
let app: FastifyInstance;
let violations: string[];

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  // The out-of-memory case needs V8's last-resort collections to run before the time limit,
  // which takes seconds on a loaded 2-core machine: the limit leaves room for that.
  ({ app, violations } = schemaCheckedApp(restBackendOf(fx.jm), { jobFileTimeoutMs: 5_000, maxBuildMemoryMb: 64 }));
  await fx.addTaskManager({ slots: 8, autoRun: true });
});
afterAll(async () => {
  await app.close();
  await fx.close();
});
afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

/** A multipart/form-data body as browsers and `curl -F` send it. */
function multipart(parts: Array<{ field: string; filename?: string; content: string }>) {
  const boundary = '----sluice-test-boundary';
  const body =
    parts
      .map((p) => `--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"${p.filename ? `; filename="${p.filename}"` : ''}\r\nContent-Type: application/javascript\r\n\r\n${p.content}\r\n`)
      .join('') + `--${boundary}--\r\n`;
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(filename: string, content: string, field = 'jarfile') {
  return app.inject({ method: 'POST', url: '/jars/upload', ...multipart([{ field, filename, content }]) });
}

async function uploaded(filename: string, content: string): Promise<string> {
  const res = await upload(filename, content);
  expect(res.statusCode).toBe(200);
  return path.basename(res.json().filename);
}

const run = (jarId: string, body?: unknown) =>
  app.inject({ method: 'POST', url: `/jars/${jarId}/run`, ...(body === undefined ? {} : { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

describe('POST /jars/upload and GET /jars', () => {
  it('stores the job file under <data-dir>/jars/<uuid>_<name> and lists it', async () => {
    const res = await upload('numbers.js', UNBOUNDED_JOB);
    expect(res.statusCode).toBe(200);
    const { filename, status } = res.json();
    expect(status).toBe('success');
    expect(path.dirname(filename)).toBe(path.join(fx.jm.config.dataDir, 'jars'));
    expect(path.basename(filename)).toMatch(/^[0-9a-f-]{36}_numbers\.js$/);
    expect(fs.readFileSync(filename, 'utf8')).toBe(UNBOUNDED_JOB);

    const list = (await app.inject({ method: 'GET', url: '/jars' })).json();
    expect(list.files[0]).toEqual({ id: path.basename(filename), name: 'numbers.js', uploaded: expect.any(Number), entry: [{ name: 'default', description: null }] });
  });

  it('keeps only a safe base name of what the browser sent', async () => {
    const res = await upload('../../etc/my job.ts', 'export default function () {}');
    expect(path.basename(res.json().filename)).toMatch(/_my_job\.ts$/);
    expect(path.dirname(res.json().filename)).toBe(path.join(fx.jm.config.dataDir, 'jars'));
  });

  it('refuses uploads that are not a job file with 4xx and an errors body', async () => {
    const cases = [
      await upload('job.jar', 'PK...'),
      await upload('numbers.js', UNBOUNDED_JOB, 'file'),
      await app.inject({ method: 'POST', url: '/jars/upload', ...multipart([{ field: 'note', content: 'hello' }]) }),
      await app.inject({ method: 'POST', url: '/jars/upload', payload: '{}', headers: { 'content-type': 'application/json' } }),
      await app.inject({ method: 'POST', url: '/jars/upload' }),
    ];
    expect(cases.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400]);
    for (const r of cases) expect(r.json().errors).toHaveLength(1);
    expect(cases[0].json().errors[0]).toContain("'job.jar' is not a job file");
    expect(cases[1].json().errors[0]).toContain("field 'jarfile', not 'file'");
  });
});

describe('POST /jars/:jarid/run', () => {
  it('bundles, builds and submits the job, as stream-submit would', async () => {
    const jarId = await uploaded('numbers.js', UNBOUNDED_JOB);
    const res = await run(jarId, { parallelism: 3, programArgs: ' --name  evens ' });
    expect(res.statusCode).toBe(200);
    const { jobid } = res.json();
    expect(jobid).toMatch(/^[0-9a-f]{32}$/);
    await fx.waitForJobState(jobid, 'RUNNING');
    const job = fx.jm.dispatcher.get(jobid);
    expect(job.graph.name).toBe('numbers');
    expect(job.graph.vertices[0].name).toMatch(/^evens/);
    expect(job.graph.vertices.every((v) => v.parallelism === 3)).toBe(true);
    expect(job.artifact).toMatchObject({ args: ['--name', 'evens'], defaultParallelism: 3, fileName: 'numbers.js' });
    expect(Buffer.from(job.artifact.code).toString('utf8')).toContain('datagen');
  });

  it('takes programArgsList and runs with the job\'s own parallelism when none is given', async () => {
    const jarId = await uploaded('numbers.js', UNBOUNDED_JOB);
    const { jobid } = (await run(jarId, { programArgsList: ['--name', 'two words'] })).json();
    const job = fx.jm.dispatcher.get(jobid);
    expect(job.artifact).toMatchObject({ args: ['--name', 'two words'], defaultParallelism: 0 });
    expect(job.graph.vertices[0].name).toContain('two words');
    expect(job.graph.vertices.every((v) => v.parallelism === 1)).toBe(true);
    expect((await run(jarId)).statusCode).toBe(200);
  });

  it.each([
    ['throws.js', 'export default function () { throw new Error("broken on purpose"); }', 'threw: broken on purpose'],
    ['no-default.js', 'export function notDefault(env) { env.fromElements(1).print(); }', 'has no default export'],
    ['no-sink.js', 'export default function (env) { env.fromElements(1, 2).map((x) => x); }', 'sink'],
    ['syntax.js', 'export default function (env) { env.fromElements(1).print() ) }', 'Cannot bundle job file'],
  ])('answers 400 with the reason for a job file that cannot run (%s)', async (name, code, message) => {
    const jarId = await uploaded(name, code);
    const res = await run(jarId, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toHaveLength(1);
    expect(res.json().errors[0]).toContain(message);
  });

  it('refuses a savepoint that does not exist with 400, starting nothing', async () => {
    const jarId = await uploaded('numbers.js', UNBOUNDED_JOB);
    const before = fx.jm.dispatcher.list().length;
    const res = await run(jarId, { savepointPath: '/nonexistent/savepoint-1', allowNonRestoredState: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toContain('/nonexistent/savepoint-1');
    expect(fx.jm.dispatcher.list().length).toBe(before);
  });

  it.each([
    ['exits.js', 'export default function () { process.exit(3); }', 'ended its process (exit code 3)'],
    ['loops.js', 'export default function () { for (;;) {} }', 'did not finish within 5 s'],
    ['hoards.js', 'export default function () { const a = []; for (;;) a.push(new Array(1e6).fill(1)); }', 'ran out of memory'],
  ])('survives a job file that would take the JobManager down (%s)', async (name, code, message) => {
    const jarId = await uploaded(name, code);
    const res = await run(jarId, {});
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toContain(message);
    expect((await app.inject({ method: 'GET', url: '/overview' })).statusCode).toBe(200);
  });

  it.each([
    [{ parallelism: 0 }, 'body/parallelism must be >= 1'],
    [{ parallelism: '2' }, 'body/parallelism must be integer'],
    [{ parallelism: 1.5 }, 'body/parallelism must be integer'],
    [{ programArgs: '--a 1', programArgsList: ['--a', '1'] }, 'not both'],
    [{ programArgsList: [1, 2] }, 'body/programArgsList/0 must be string'],
    [{ allowNonRestoredState: 'yes' }, 'body/allowNonRestoredState must be boolean'],
    [{ args: '--x' }, 'must NOT have additional properties'],
  ])('refuses run body %j with 400', async (body, message) => {
    const jarId = await uploaded('numbers.js', UNBOUNDED_JOB);
    const before = fx.jm.dispatcher.list().length;
    const res = await run(jarId, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toContain(message);
    expect(fx.jm.dispatcher.list().length).toBe(before);
  });

  it('answers 404 for an unknown job file and 400 for a malformed id', async () => {
    const unknown = await run('00000000-0000-0000-0000-000000000000_numbers.js', {});
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().errors[0]).toContain('not found');
    for (const id of ['numbers.js', '..%2F..%2Fetc%2Fpasswd', '00000000-0000-0000-0000-000000000000_a%2Fb.js']) expect((await run(id, {})).statusCode).toBe(400);
  });
});

describe('DELETE /jars/:jarid', () => {
  it('removes the stored file; it can no longer be run', async () => {
    const jarId = await uploaded('delete-me.js', UNBOUNDED_JOB);
    const res = await app.inject({ method: 'DELETE', url: `/jars/${jarId}` });
    expect(res.statusCode).toBe(200);
    expect(fs.existsSync(path.join(fx.jm.config.dataDir, 'jars', jarId))).toBe(false);
    expect((await run(jarId, {})).statusCode).toBe(404);
    expect((await app.inject({ method: 'DELETE', url: `/jars/${jarId}` })).statusCode).toBe(404);
  });
});

describe('GET /jars/:jarid/plan', () => {
  it('builds the graph of an uploaded job file with its arguments and parallelism, without starting a job', async () => {
    const jarId = await uploaded('planned.js', UNBOUNDED_JOB);
    const jobsBefore = (await fx.list()).length;
    const res = await app.inject({ method: 'GET', url: `/jars/${jarId}/plan?parallelism=3&programArg=${encodeURIComponent('--name planned-numbers')}` });
    expect(res.statusCode).toBe(200);
    const plan = res.json().plan;
    expect(plan).toMatchObject({ jid: '', name: 'planned', type: 'STREAMING' });
    // The source is named by the job argument; forward edges of equal parallelism are chained.
    expect(plan.nodes.map((n: any) => [n.description, n.parallelism])).toEqual([['planned-numbers -> Map -> Sink', 3]]);
    expect((await fx.list()).length).toBe(jobsBefore);
    expect((await app.inject({ method: 'GET', url: `/v1/jars/${jarId}/plan` })).statusCode).toBe(200);
  });

  it('answers 400 for a job file that throws and 404 for an unknown one', async () => {
    const jarId = await uploaded('broken.js', 'export default function () { throw new Error("no pipeline today"); }');
    const res = await app.inject({ method: 'GET', url: `/jars/${jarId}/plan` });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toContain('no pipeline today');
    expect((await app.inject({ method: 'GET', url: `/jars/00000000-0000-0000-0000-000000000000_x.js/plan` })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/jars/${jarId}/plan?parallelism=0` })).statusCode).toBe(400);
  });
});

describe('the jar routes under /v1/', () => {
  it('upload, list and delete as at the root (Flink serves both)', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/jars/upload', ...multipart([{ field: 'jarfile', filename: 'v1-job.js', content: UNBOUNDED_JOB }]) });
    expect(res.statusCode).toBe(200);
    const jarId = path.basename(res.json().filename);
    expect((await app.inject({ method: 'GET', url: '/jars' })).json().files.map((f: { id: string }) => f.id)).toContain(jarId);
    expect((await app.inject({ method: 'DELETE', url: `/v1/jars/${jarId}` })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/v1/jars' })).json().files.map((f: { id: string }) => f.id)).not.toContain(jarId);
  });
});
