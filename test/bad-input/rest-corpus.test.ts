import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../jobmanager/test-support/job-manager-fixture';
import { restBackendOf } from '../../jobmanager/rest/test-support/rest-backend';
import { schemaCheckedApp } from '../../jobmanager/rest/test-support/schema-checked-app';
import { sourceMapSinkGraph } from '../../jobmanager/test-support/test-job-graphs';

/**
 * Bad-input corpus, REST surface: each case is one request a careless or hostile client sends,
 * with the exact status it must get and the message it must carry, in the one error shape
 * `{"errors": ["..."]}`. The JobManager runs with a running and a finished job throughout and
 * must answer normally after all of it.
 */
let fx: JobManagerFixture;
let app: FastifyInstance;
let running = '';
let ended = '';

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  ({ app } = schemaCheckedApp(restBackendOf(fx.jm), { jobFileTimeoutMs: 5_000, maxBuildMemoryMb: 64 }));
  await fx.addTaskManager({ slots: 8, autoRun: true });
  running = await fx.submit(sourceMapSinkGraph('corpus-running', 1));
  ended = await fx.submit(sourceMapSinkGraph('corpus-ended', 1));
  await fx.waitForJobState(running, 'RUNNING');
  await fx.waitForJobState(ended, 'RUNNING');
  await fx.cancel(ended);
  await fx.waitForJobState(ended, 'CANCELED');
});
afterAll(async () => {
  await app.close();
  await fx.close();
});

type Case = [name: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string | (() => string), body: string | undefined, contentType: string | undefined, status: number, message: RegExp];

const JSON_TYPE = 'application/json';
const unknownJob = 'f'.repeat(32);
const cases: Case[] = [
  // --- job ids
  ['malformed job id', 'GET', '/jobs/not-a-job', undefined, undefined, 400, /Invalid job id 'not-a-job': a job id is 32 hexadecimal characters/],
  ['job id too short', 'GET', '/jobs/abc123', undefined, undefined, 400, /32 hexadecimal characters/],
  ['job id with a non-hex letter', 'GET', `/jobs/${'g'.repeat(32)}`, undefined, undefined, 400, /32 hexadecimal characters/],
  ['job id 33 characters', 'GET', `/jobs/${'a'.repeat(33)}`, undefined, undefined, 400, /32 hexadecimal characters/],
  ['unknown job', 'GET', `/jobs/${unknownJob}`, undefined, undefined, 404, /Job f{32} not found/],
  ['unknown job, upper case', 'GET', `/jobs/${unknownJob.toUpperCase()}`, undefined, undefined, 404, /Job f{32} not found/],
  ['unknown job exceptions', 'GET', `/jobs/${unknownJob}/exceptions`, undefined, undefined, 404, /not found/],
  ['unknown job checkpoints', 'GET', `/jobs/${unknownJob}/checkpoints`, undefined, undefined, 404, /not found/],
  ['unknown job plan', 'GET', `/jobs/${unknownJob}/plan`, undefined, undefined, 404, /not found/],
  ['unknown job config', 'GET', `/jobs/${unknownJob}/config`, undefined, undefined, 404, /not found/],
  ['job id with path traversal', 'GET', '/jobs/..%2F..%2Fetc%2Fpasswd', undefined, undefined, 400, /job id/],
  ['job id with a NUL byte', 'GET', '/jobs/%00', undefined, undefined, 400, /job id/],
  ['malformed URL encoding', 'GET', '/jobs/%E0%A4%A', undefined, undefined, 400, /.+/],
  // --- vertices
  ['unknown vertex', 'GET', () => `/jobs/${running}/vertices/${'0'.repeat(32)}`, undefined, undefined, 404, /has no vertex 0{32}; GET \/jobs\/[0-9a-f]{32} lists its vertices/],
  ['vertex id with a slash', 'GET', () => `/jobs/${running}/vertices/a%2Fb`, undefined, undefined, 400, /params\/vid/],
  ['vertex id far too long', 'GET', () => `/jobs/${running}/vertices/${'v'.repeat(200)}`, undefined, undefined, 414, /URL too long/],
  ['back-pressure of an unknown vertex', 'GET', () => `/jobs/${running}/vertices/${'0'.repeat(32)}/backpressure`, undefined, undefined, 404, /has no vertex/],
  ['watermarks of an unknown vertex', 'GET', () => `/jobs/${running}/vertices/${'0'.repeat(32)}/watermarks`, undefined, undefined, 404, /has no vertex/],
  // --- cancel
  ['cancel with an unknown mode', 'PATCH', () => `/jobs/${running}?mode=kill`, undefined, undefined, 400, /querystring\/mode must be one of: cancel/],
  ['cancel with two modes', 'PATCH', () => `/jobs/${running}?mode=cancel&mode=stop`, undefined, undefined, 400, /querystring\/mode/],
  ['cancel an ended job', 'PATCH', () => `/jobs/${ended}?mode=cancel`, undefined, undefined, 409, /already CANCELED/],
  ['cancel an unknown job', 'PATCH', `/jobs/${unknownJob}?mode=cancel`, undefined, undefined, 404, /not found/],
  ['cancel with a JSON body that does not parse', 'PATCH', () => `/jobs/${running}?mode=cancel`, '{', JSON_TYPE, 400, /not valid JSON/],
  // --- savepoints
  ['savepoint body not JSON', 'POST', () => `/jobs/${running}/savepoints`, '{"target-directory": ', JSON_TYPE, 400, /not valid JSON/],
  ['savepoint body an array', 'POST', () => `/jobs/${running}/savepoints`, '[]', JSON_TYPE, 400, /body must be object/],
  ['savepoint body a string', 'POST', () => `/jobs/${running}/savepoints`, '"now"', JSON_TYPE, 400, /body must be object/],
  ['savepoint body a number', 'POST', () => `/jobs/${running}/savepoints`, '42', JSON_TYPE, 400, /body must be object/],
  ['savepoint: camelCase field of the stop body', 'POST', () => `/jobs/${running}/savepoints`, '{"targetDirectory": "/tmp/x"}', JSON_TYPE, 400, /'targetDirectory' is not a known field/],
  ['savepoint: empty target', 'POST', () => `/jobs/${running}/savepoints`, '{"target-directory": ""}', JSON_TYPE, 400, /target-directory must NOT have fewer than 1 characters/],
  ['savepoint: target a number', 'POST', () => `/jobs/${running}/savepoints`, '{"target-directory": 7}', JSON_TYPE, 400, /target-directory must be string/],
  ['savepoint: cancel-job a string', 'POST', () => `/jobs/${running}/savepoints`, '{"cancel-job": "yes"}', JSON_TYPE, 400, /cancel-job must be boolean/],
  ['savepoint: prototype pollution', 'POST', () => `/jobs/${running}/savepoints`, '{"__proto__": {"x": 1}}', JSON_TYPE, 400, /.+/],
  ['savepoint of an unknown job', 'POST', `/jobs/${unknownJob}/savepoints`, '{}', JSON_TYPE, 404, /not found/],
  ['savepoint status of an unknown request', 'GET', () => `/jobs/${running}/savepoints/${'0'.repeat(32)}`, undefined, undefined, 404, /.+/],
  ['savepoint status: malformed request id', 'GET', () => `/jobs/${running}/savepoints/%20`, undefined, undefined, 400, /.+/],
  ['savepoint as form data', 'POST', () => `/jobs/${running}/savepoints`, 'target-directory=/tmp', 'application/x-www-form-urlencoded', 415, /Unsupported Content-Type 'application\/x-www-form-urlencoded'/],
  ['savepoint as text (parsed as a string, then refused by the schema)', 'POST', () => `/jobs/${running}/savepoints`, 'please', 'text/plain', 400, /body must be object/],
  ['empty JSON body with JSON type', 'POST', () => `/jobs/${running}/stop`, '', JSON_TYPE, 400, /Body cannot be empty when Content-Type is 'application\/json'/],
  // --- stop
  ['stop: kebab-case field of the savepoint body', 'POST', () => `/jobs/${running}/stop`, '{"target-directory": "/tmp/x"}', JSON_TYPE, 400, /'target-directory' is not a known field/],
  ['stop: drain a number', 'POST', () => `/jobs/${running}/stop`, '{"drain": 1}', JSON_TYPE, 400, /drain must be boolean/],
  ['stop: drain null', 'POST', () => `/jobs/${running}/stop`, '{"drain": null}', JSON_TYPE, 400, /drain must be boolean/],
  ['stop an unknown job', 'POST', `/jobs/${unknownJob}/stop`, '{}', JSON_TYPE, 404, /not found/],
  ['stop: deeply nested body', 'POST', () => `/jobs/${running}/stop`, '{"drain":' + '['.repeat(5000) + ']'.repeat(5000) + '}', JSON_TYPE, 400, /.+/],
  // --- checkpoints details
  ['checkpoint details: id not a number', 'GET', () => `/jobs/${running}/checkpoints/details/abc`, undefined, undefined, 400, /params\/cid/],
  ['checkpoint details: negative id', 'GET', () => `/jobs/${running}/checkpoints/details/-1`, undefined, undefined, 400, /params\/cid/],
  ['checkpoint details: unknown id', 'GET', () => `/jobs/${running}/checkpoints/details/999999`, undefined, undefined, 404, /.+/],
  // --- jars
  ['upload as JSON', 'POST', '/jars/upload', '{}', JSON_TYPE, 400, /multipart\/form-data in the field 'jarfile'/],
  ['upload without a body', 'POST', '/jars/upload', undefined, undefined, 400, /multipart\/form-data/],
  ['upload: multipart without boundary', 'POST', '/jars/upload', 'x', 'multipart/form-data', 400, /[Mm]ultipart/],
  ['upload: truncated multipart', 'POST', '/jars/upload', '--b\r\nContent-Disposition: form-data; name="jarfile"; filename="a.js"\r\n\r\nexport', 'multipart/form-data; boundary=b', 400, /[Mm]ultipart|file/],
  ['upload: a .jar', 'POST', '/jars/upload', '--b\r\nContent-Disposition: form-data; name="jarfile"; filename="job.jar"\r\n\r\nPK\r\n--b--\r\n', 'multipart/form-data; boundary=b', 400, /'job\.jar' is not a job file/],
  ['upload: wrong field', 'POST', '/jars/upload', '--b\r\nContent-Disposition: form-data; name="file"; filename="a.js"\r\n\r\nx\r\n--b--\r\n', 'multipart/form-data; boundary=b', 400, /field 'jarfile', not 'file'/],
  ['upload: only a text field', 'POST', '/jars/upload', '--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhi\r\n--b--\r\n', 'multipart/form-data; boundary=b', 400, /no file/],
  ['upload: file name without extension', 'POST', '/jars/upload', '--b\r\nContent-Disposition: form-data; name="jarfile"; filename=".js"\r\n\r\nx\r\n--b--\r\n', 'multipart/form-data; boundary=b', 400, /not a job file/],
  ['run an unknown jar', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{}', JSON_TYPE, 404, /not found; GET \/jars lists/],
  ['run: jar id a path', 'POST', '/jars/..%2F..%2Fetc%2Fpasswd/run', '{}', JSON_TYPE, 400, /params\/jarid/],
  ['run: parallelism 0', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{"parallelism": 0}', JSON_TYPE, 400, /body\/parallelism must be >= 1/],
  ['run: parallelism huge', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{"parallelism": 1e9}', JSON_TYPE, 400, /body\/parallelism must be <= 32768/],
  ['run: parallelism a string', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{"parallelism": "2"}', JSON_TYPE, 400, /body\/parallelism must be integer/],
  ['run: unknown field', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{"args": "--x"}', JSON_TYPE, 400, /'args' is not a known field/],
  ['run: programArgsList of numbers', 'POST', '/jars/00000000-0000-0000-0000-000000000000_a.js/run', '{"programArgsList": [1]}', JSON_TYPE, 400, /programArgsList\/0 must be string/],
  ['plan of an unknown jar', 'GET', '/jars/00000000-0000-0000-0000-000000000000_a.js/plan', undefined, undefined, 404, /not found/],
  ['delete an unknown jar', 'DELETE', '/jars/00000000-0000-0000-0000-000000000000_a.js', undefined, undefined, 404, /not found/],
  // --- TaskManagers, routes, methods
  ['unknown TaskManager', 'GET', '/taskmanagers/nope', undefined, undefined, 404, /.+/],
  ['unknown route', 'GET', '/jobz', undefined, undefined, 404, /Not found: GET \/jobz/],
  ['unknown nested route', 'GET', () => `/jobs/${running}/nope`, undefined, undefined, 404, /Not found/],
  ['wrong method on /overview', 'DELETE', '/overview', undefined, undefined, 404, /Not found: DELETE \/overview/],
  ['PUT on a job', 'PUT', () => `/jobs/${running}`, '{}', JSON_TYPE, 404, /Not found: PUT/],
  ['body over 1 MiB', 'POST', () => `/jobs/${running}/stop`, JSON.stringify({ targetDirectory: 'x'.repeat(1024 * 1024) }), JSON_TYPE, 413, /Request body too large: at most 1048576 bytes/],
];

describe('REST bad-input corpus', () => {
  it.each(cases)('%s → %s %s', async (_name, method, url, body, contentType, status, message) => {
    const res = await app.inject({
      method,
      url: typeof url === 'function' ? url() : url,
      ...(body !== undefined ? { payload: body } : {}),
      headers: contentType ? { 'content-type': contentType } : {},
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
    const parsed = res.json() as { errors: string[] };
    expect(Object.keys(parsed)).toEqual(['errors']);
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]).toMatch(message);
  });

  it('the JobManager answers normally after the corpus, and the running job still runs', async () => {
    expect((await app.inject({ method: 'GET', url: '/overview' })).statusCode).toBe(200);
    expect(fx.jm.dispatcher.get(running).scheduler.state).toBe('RUNNING');
  });
});

export const REST_CASES = cases.length;
