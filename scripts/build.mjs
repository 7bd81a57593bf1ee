// Transpiles every TypeScript source file to CommonJS under dist/ with esbuild (fast, no
// bundling: the runtime keeps its module structure so that worker threads and the job
// loader can require individual files). Type checking is `npm run typecheck` (tsc).
import { build } from 'esbuild';
import { readdirSync, statSync, chmodSync, existsSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['proto', 'api', 'job', 'connectors', 'client', 'jobmanager', 'taskmanager', 'common', 'deploy', 'bench', 'test/harness', 'test/chaos'];
const entryPoints = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.endsWith('.d.ts')) entryPoints.push(p);
  }
}
for (const r of roots) if (existsSync(r)) walk(r);
entryPoints.push('index.ts');

await build({
  entryPoints,
  outdir: 'dist',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});

// The dashboard: a second build, for the browser, bundled with its few dependencies (Preact,
// dagre, uPlot) into dist/dashboard/assets/app.{js,css}; the JobManager serves it at GET /.
// Everything is local: the machines may have no internet, so no CDN.
await build({
  entryPoints: { app: 'dashboard/src/main.tsx' },
  outdir: 'dist/dashboard/assets',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync('dashboard/index.html', 'dist/dashboard/index.html');
copyFileSync('dashboard/favicon.svg', 'dist/dashboard/assets/favicon.svg');

const bins = ['dist/client/cli/stream-submit.js', 'dist/deploy/stream-cluster.js', 'dist/jobmanager/main.js', 'dist/taskmanager/main.js'];
for (const bin of bins) {
  if (!existsSync(bin)) continue;
  const src = readFileSync(bin, 'utf8');
  if (!src.startsWith('#!')) writeFileSync(bin, '#!/usr/bin/env node\n' + src);
  chmodSync(bin, 0o755);
}
