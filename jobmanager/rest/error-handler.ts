import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, SluiceError } from '../../common/errors';
import { ERROR_STATUSES } from '../../common/error-statuses';
import type { Logger } from '../../common/logger';

/** The HTTP status of a SluiceError code (the one table: common/error-statuses.ts). */
export function httpStatusFor(code: ErrorCode): number {
  return ERROR_STATUSES[code].http;
}

/**
 * Every error becomes `{"errors": ["..."]}`: SluiceErrors by their code, schema violations
 * and other client mistakes fastify detects (malformed JSON, wrong content type) as 4xx, and
 * only genuine bugs as 500. Unknown routes are 404 with the same body.
 */
export function registerErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof SluiceError) {
      const status = httpStatusFor(err.code);
      if (status >= 500) log.error(`${request.method} ${request.url} failed: ${err.message}`);
      return reply.code(status).send({ errors: [err.message] });
    }
    if (err.validation) return reply.code(400).send({ errors: validationMessages(err, request) });
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ errors: [clientErrorMessage(err, request)] });
    log.error(`${request.method} ${request.url} failed: ${err.stack ?? err.message}`);
    return reply.code(500).send({ errors: ['Internal server error: ' + err.message] });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ errors: [`Not found: ${request.method} ${request.url}`] }));
}

/**
 * For errors fastify's router raises before any handler runs (a malformed URL encoding, an
 * over-long path parameter): pass as the `frameworkErrors` option.
 */
export function frameworkErrorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.code(status).send({ errors: [clientErrorMessage(err, request)] });
}

/**
 * For what Node's HTTP parser refuses before fastify sees a request (headers over the limit,
 * bytes that are not HTTP): pass as the `clientErrorHandler` option. Answered in our shape,
 * then the connection is closed, as Node's default handler does.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message = tooLarge
    ? 'Request header fields too large: the request line and headers together may be at most 16 KiB'
    : status === 408
      ? 'Request timeout: the request did not arrive in time'
      : `Bad request: not a valid HTTP/1.1 request (${err.code ?? err.message})`;
  const body = JSON.stringify({ errors: [message] });
  const reason = status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** fastify's own client errors with messages that say what to do. */
function clientErrorMessage(err: FastifyError, request: FastifyRequest): string {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return `Unsupported Content-Type '${String(request.headers['content-type'] ?? '')}': send application/json (or multipart/form-data to POST /jars/upload)`;
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return `Request body too large: at most ${request.routeOptions.bodyLimit ?? 1024 * 1024} bytes`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Request body length does not match Content-Length';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return "Body cannot be empty when Content-Type is 'application/json': send a JSON object or no Content-Type";
  }
  if (err.statusCode === 414) return `URL too long (${request.url.length} characters): a path parameter may be at most 100 characters`;
  if (err instanceof SyntaxError || /JSON/.test(err.message)) return `Request body is not valid JSON: ${err.message}`;
  return err.message;
}

interface ValidationItem {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function validationMessages(err: FastifyError, request: FastifyRequest): string[] {
  const context = err.validationContext ?? 'request';
  return (err.validation as ValidationItem[]).map((item) => {
    const where = `${context}${item.instancePath}`;
    if (where === 'params/jid') return `Invalid job id '${(request.params as { jid?: string }).jid}': a job id is 32 hexadecimal characters`;
    if (item.keyword === 'enum' && Array.isArray(item.params.allowedValues))
      return `${where} must be one of: ${item.params.allowedValues.join(', ')} (got ${JSON.stringify(valueAt(request, context, item.instancePath))})`;
    if (item.keyword === 'required') return `${where} must have the property '${String(item.params.missingProperty)}'`;
    if (item.keyword === 'additionalProperties') return `${where} must NOT have additional properties: '${String(item.params.additionalProperty)}' is not a known field`;
    return `${where} ${item.message ?? 'is invalid'}`;
  });
}

/** The offending value, for messages: `querystring` + `/mode` → request.query.mode. */
function valueAt(request: FastifyRequest, context: string, instancePath: string): unknown {
  const roots: Record<string, unknown> = { params: request.params, querystring: request.query, body: request.body, headers: request.headers };
  let v = roots[context];
  for (const part of instancePath.split('/').filter(Boolean)) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}
