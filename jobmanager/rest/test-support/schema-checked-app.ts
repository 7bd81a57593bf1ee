import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import { Logger } from '../../../common/logger';
import { type RestAppOptions, type RestBackend, buildRestApp } from '../rest-server';

export interface SchemaCheckedApp {
  readonly app: FastifyInstance;
  /** Every JSON answer that did not match its route's response schema for its status. */
  readonly violations: string[];
}

/**
 * The REST app with every JSON answer checked against the response schema its route declares
 * for that status (a route without one for the status is a violation too), so route tests
 * prove the documented shapes, not just the fields they look at.
 */
export function schemaCheckedApp(backend: RestBackend, options: RestAppOptions = {}): SchemaCheckedApp {
  const app = buildRestApp(backend, new Logger('rest-test'), options);
  const violations: string[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (!type.startsWith('application/json') || typeof payload !== 'string') return payload;
    const where = `${request.method} ${request.url} → ${reply.statusCode}`;
    const schema = (request.routeOptions.schema?.response as Record<string, TSchema> | undefined)?.[String(reply.statusCode)];
    // Answers of the not-found handler and framework errors have no route schema; their shape is the error body.
    if (!request.routeOptions.url) return payload;
    if (!schema) violations.push(`${where}: no response schema for this status`);
    else if (!Value.Check(schema, JSON.parse(payload))) {
      const first = [...Value.Errors(schema, JSON.parse(payload))][0];
      violations.push(`${where}: ${first?.path} ${first?.message}`);
    }
    return payload;
  });
  return { app, violations };
}

/** GET `url` from the app by injection: its status and parsed JSON body. */
export async function getJson(app: FastifyInstance, url: string): Promise<{ status: number; body: Record<string, any> }> {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json() as Record<string, any> };
}
