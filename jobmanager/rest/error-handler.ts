import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, SluiceError } from '../../common/errors';
import type { Logger } from '../../common/logger';

/** The one mapping of SluiceError codes to HTTP statuses. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'JOB_NOT_FOUND':
    case 'VERTEX_NOT_FOUND':
      return 404;
    case 'INVALID_ARGUMENT':
    case 'INVALID_JOB_FILE':
    case 'INVALID_GRAPH':
    case 'SAVEPOINT_INVALID':
    case 'GRAPH_MISMATCH':
      return 400;
    case 'ILLEGAL_STATE':
      return 409;
    case 'NO_RESOURCES':
    case 'UNREACHABLE':
      return 503;
    default:
      return 500;
  }
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
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ errors: [err.message] });
    log.error(`${request.method} ${request.url} failed: ${err.stack ?? err.message}`);
    return reply.code(500).send({ errors: ['Internal server error: ' + err.message] });
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ errors: [`Not found: ${request.method} ${request.url}`] }));
}

/**
 * For errors fastify's router raises before any handler runs (a malformed URL encoding, an
 * over-long path parameter): pass as the `frameworkErrors` option.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void reply.code(status).send({ errors: [err.message] });
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
