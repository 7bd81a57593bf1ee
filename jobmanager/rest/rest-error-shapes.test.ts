import * as net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../test-support/job-manager-fixture';
import { restBackendOf } from './test-support/rest-backend';
import { schemaCheckedApp } from './test-support/schema-checked-app';

/**
 * Every error the REST API gives is a 4xx (or 503 on a standby) with `{"errors": [...]}`,
 * whoever raises it: our handlers, fastify's body parsing, the multipart parser, Node's HTTP
 * parser (431, 414). Answers come over a real socket, since Node's parser errors never reach
 * inject().
 */
let fx: JobManagerFixture;
let app: FastifyInstance;
let port = 0;

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  ({ app } = schemaCheckedApp(restBackendOf(fx.jm), { maxJobFileBytes: 64 * 1024, jobFileTimeoutMs: 1_500, maxConcurrentBuilds: 1, maxQueuedBuilds: 1 }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await fx.close();
});

/** Sends raw bytes and returns the status and the parsed body of the answer. */
function raw(request: string | Buffer): Promise<{ status: number; body: unknown; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const bodyText = text.slice(text.indexOf('\r\n\r\n') + 4);
      let body: unknown;
      try {
        body = JSON.parse(bodyText);
      } catch {
        body = undefined;
      }
      resolve({ status, body, text });
    });
    socket.write(request);
  });
}

const boundary = 'sluice-boundary';
function multipartRequest(body: string, headers = `Content-Type: multipart/form-data; boundary=${boundary}\r\n`): string {
  return `POST /jars/upload HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

function expectErrorShape(res: { status: number; body: unknown; text: string }, status: number, message: RegExp): void {
  expect(res.status, res.text).toBe(status);
  expect(res.body, res.text).toEqual({ errors: [expect.stringMatching(message)] });
}

describe('REST error shapes', () => {
  it('an upload over the limit is 413 with the limit, and nothing is stored', async () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="jarfile"; filename="big.js"\r\n\r\n${big}\r\n--${boundary}--\r\n`;
    expectErrorShape(await raw(multipartRequest(body)), 413, /larger than the upload limit of 65536 bytes/);
    expect((await app.inject({ method: 'GET', url: '/jars' })).json().files).toEqual([]);
  });

  it('a file exactly at the limit is stored', async () => {
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="jarfile"; filename="ok.js"\r\n\r\n${'x'.repeat(64 * 1024)}\r\n--${boundary}--\r\n`;
    const res = await raw(multipartRequest(body));
    expect(res.status, res.text).toBe(200);
  });

  it.each([
    ['no boundary', multipartRequest('hello', 'Content-Type: multipart/form-data\r\n')],
    ['truncated multipart', multipartRequest(`--${boundary}\r\nContent-Disposition: form-data; name="jarfile"; filename="a.js"\r\n\r\nexport default`)],
    ['garbage multipart', multipartRequest('\u0000\u0001garbage')],
  ])('malformed multipart (%s) is 400', async (_name, request) => {
    expectErrorShape(await raw(request), 400, /multipart|file/i);
  });

  it('a JSON body that does not parse is 400 in our shape', async () => {
    const body = '{"parallelism": ';
    const res = await raw(`POST /jobs/${'a'.repeat(32)}/savepoints HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expectErrorShape(res, 400, /JSON/);
  });

  it('a JSON body over the body limit is 413 in our shape', async () => {
    const body = JSON.stringify({ 'target-directory': 'x'.repeat(1024 * 1024 + 10) });
    const res = await raw(`POST /jobs/${'a'.repeat(32)}/savepoints HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expectErrorShape(res, 413, /body|large/i);
  });

  it('an unsupported content type is 415 in our shape', async () => {
    const res = await raw(`POST /jobs/${'a'.repeat(32)}/stop HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: text/x-weird\r\nContent-Length: 2\r\n\r\nhi`);
    expectErrorShape(res, 415, /content.type/i);
  });

  it('headers too large are 431 in our shape', async () => {
    const res = await raw(`GET /overview HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\nConnection: close\r\n\r\n`);
    expectErrorShape(res, 431, /header/i);
  });

  it('an over-long URL is 414 in our shape', async () => {
    const res = await raw(`GET /jobs/${'a'.repeat(5_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expectErrorShape(res, 414, /URI|URL/i);
  });

  it('a request the HTTP parser cannot read is 400 in our shape', async () => {
    expectErrorShape(await raw('GARBAGE\r\n\r\n'), 400, /request/i);
  });

  it('job builds are bounded: one runs, one waits, the next is 429 at once; the JobManager stays responsive', async () => {
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="jarfile"; filename="loops.js"\r\n\r\nexport default function () { for (;;) {} }\r\n--${boundary}--\r\n`;
    const upload = await raw(multipartRequest(body));
    const jarId = (upload.body as { filename: string }).filename.split('/').pop()!;
    const run = () => app.inject({ method: 'POST', url: `/jars/${jarId}/run`, payload: '{}', headers: { 'content-type': 'application/json' } });
    const first = run();
    const second = run();
    await new Promise<void>((resolve) => setImmediate(resolve));
    const third = await run();
    expect(third.statusCode).toBe(429);
    expect(third.json()).toEqual({ errors: [expect.stringMatching(/1 job builds are running and 1 are waiting.*try again shortly/)] });
    expect((await app.inject({ method: 'GET', url: '/overview' })).statusCode).toBe(200);
    const [a, b] = await Promise.all([first, second]);
    expect([a.statusCode, b.statusCode]).toEqual([400, 400]);
    expect(a.json().errors[0]).toMatch(/did not finish within 1\.5 s/);
  });

  it('job ids follow one rule everywhere: 32 hex characters in either case, shown in lowercase', async () => {
    const upper = 'ABCDEF0123456789ABCDEF0123456789';
    const res = await app.inject({ method: 'GET', url: `/jobs/${upper}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().errors[0]).toContain(upper.toLowerCase());
    const bad = await app.inject({ method: 'GET', url: `/jobs/xyz` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatch(/32 hexadecimal characters/);
  });

  it('the JobManager takes its upload limit from its config (max-job-file-bytes)', async () => {
    const small = await JobManagerFixture.start({ jobBuilds: { maxJobFileBytes: 1000, maxConcurrent: 1, maxQueued: 0, memoryMb: 64, timeoutMs: 5_000 } });
    try {
      const form = new FormData();
      form.append('jarfile', new Blob(['x'.repeat(1001)]), 'big.js');
      const res = await fetch(`${small.addresses.restUrl}/jars/upload`, { method: 'POST', body: form });
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({ errors: [expect.stringMatching(/larger than the upload limit of 1000 bytes/)] });
    } finally {
      await small.close();
    }
  });
});
