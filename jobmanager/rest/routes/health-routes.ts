import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RestBackend } from '../rest-server';

/** The probe routes, which a standby JobManager answers too (every other route is 503 there). */
export const HEALTH_ROUTES: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

const Health = Type.Object({ status: Type.Literal('UP') });
const Readiness = Type.Object({ ready: Type.Boolean(), leader: Type.Boolean() });

/**
 * `GET /healthz` (liveness): 200 while the process serves REST at all, leader or standby.
 * `GET /readyz` (readiness): 200 only on the leader, 503 on a standby, so a Kubernetes Service
 * sends clients and TaskManagers to the leader alone.
 */
export function registerHealthRoutes(app: FastifyInstance, backend: RestBackend): void {
  app.get('/healthz', { schema: { response: { 200: Health } } }, async (): Promise<Static<typeof Health>> => ({ status: 'UP' }));
  app.get('/readyz', { schema: { response: { 200: Readiness, 503: Readiness } } }, async (_request, reply): Promise<Static<typeof Readiness>> => {
    const leader = backend.isLeader !== false;
    reply.code(leader ? 200 : 503);
    return { ready: leader, leader };
  });
}
