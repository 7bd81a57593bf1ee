import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sluice</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem">
<h1>Sluice JobManager</h1>
<p>The web dashboard has not been built: run <code>npm run build</code>. The REST API is available:
<a href="/overview">/overview</a>, <a href="/jobs/overview">/jobs/overview</a>, <a href="/taskmanagers">/taskmanagers</a>.</p>
</body></html>
`;

/** The dashboard's bundle as scripts/build.mjs writes it: `<package root>/dist/dashboard`. */
export function defaultDashboardDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'sluice') return path.join(dir, 'dist', 'dashboard');
    } catch {
      // not the package root; look further up
    }
    dir = path.dirname(dir);
  }
  return path.join(__dirname, 'dashboard');
}

/**
 * GET / serves the dashboard (a single page; its views live in the URL's #fragment, so they
 * never collide with REST paths such as /jobs/:jid) and /assets/* its bundled script, styles
 * and icon. Everything is local: the machines may have no internet.
 */
export function registerDashboardRoute(app: FastifyInstance, dashboardDir = defaultDashboardDir()): void {
  const assets = path.join(dashboardDir, 'assets');
  if (fs.existsSync(assets)) {
    // Fixed asset names: revalidate with the ETag instead of caching, so a rebuilt dashboard shows at once.
    void app.register(fastifyStatic, { root: assets, prefix: '/assets/', cacheControl: true, maxAge: 0, etag: true, index: false, list: false });
  }
  app.get('/', { schema: { response: { 200: { type: 'string' } } } }, async (_request, reply) => {
    const html = await fs.promises.readFile(path.join(dashboardDir, 'index.html'), 'utf8').catch(() => NOT_BUILT);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
}
