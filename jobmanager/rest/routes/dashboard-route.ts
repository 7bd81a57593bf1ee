import type { FastifyInstance } from 'fastify';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sluice</title></head>
<body>
<h1>Sluice JobManager</h1>
<p>The web dashboard is not built yet. The REST API is available:
<a href="/overview">/overview</a>, <a href="/jobs/overview">/jobs/overview</a>, <a href="/taskmanagers">/taskmanagers</a>.</p>
</body></html>
`;

/** GET / — a placeholder until the dashboard exists. */
export function registerDashboardRoute(app: FastifyInstance): void {
  app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PLACEHOLDER));
}
