import type { FastifyInstance } from 'fastify';
import type { RestBackend } from '../rest-server';

/** GET /metrics — Prometheus text exposition of the JobManager's metrics. */
export function registerMetricsRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get('/metrics', { schema: { response: { 200: { type: 'string' } } } }, async (_request, reply) => {
    const text = await backend.prometheus.scrape();
    return reply.type(backend.prometheus.contentType).send(text);
  });
}
