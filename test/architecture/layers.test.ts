import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { init, parse } from 'es-module-lexer';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layering of docs/architecture.md, checked on every source file's imports (type-only
 * imports included: a type is a dependency too). Each layer lists what it may import; a file
 * importing anything else fails the test with the file, the import and the rule.
 *
 *   common/, proto/     know no role (and each other: the contract and its basic types)
 *   api/                what `import 'sluice'` gives a job file: only common/
 *   job/                bundle, load, build and check graphs: api/ and below
 *   connectors/<name>/  vertical slices on api/ and common/ only
 *   client/             the CLI and its gRPC client
 *   jobmanager/, taskmanager/  the roles: never each other, never client/ or connectors/
 *   deploy/, dashboard/, bench/, test/  on top
 *
 * Unit tests and test-support/ folders live beside their code under the same rules, and may
 * also use test/harness/.
 */

const repo = join(__dirname, '..', '..');

type Layer = 'common' | 'proto' | 'api' | 'job' | 'connector' | 'client' | 'jobmanager' | 'taskmanager' | 'deploy' | 'dashboard' | 'bench' | 'test' | 'examples' | 'scripts' | 'index';

const BASE: Layer[] = ['common', 'proto'];
const ALLOWED: Record<Layer, readonly Layer[]> = {
  common: BASE,
  proto: BASE,
  api: ['common'],
  job: [...BASE, 'api'],
  connector: ['common', 'api'],
  client: [...BASE, 'api', 'job'],
  jobmanager: [...BASE, 'api', 'job'],
  taskmanager: [...BASE, 'api', 'job'],
  deploy: [...BASE, 'api', 'job', 'client', 'jobmanager', 'taskmanager', 'connector'],
  dashboard: [...BASE, 'jobmanager'],
  bench: [...BASE, 'api', 'job', 'client', 'jobmanager', 'taskmanager', 'connector', 'deploy', 'test', 'index'],
  test: [...BASE, 'api', 'job', 'client', 'jobmanager', 'taskmanager', 'connector', 'deploy', 'dashboard', 'bench', 'index'],
  examples: ['index'],
  scripts: [],
  index: ['api', 'connector'],
};

function layerOf(file: string): { layer: Layer; slice?: string } | undefined {
  if (file === 'index.ts') return { layer: 'index' };
  const [top, second] = file.split('/');
  if (top === 'connectors') return { layer: 'connector', slice: second };
  if (top in ALLOWED) return { layer: top as Layer };
  return undefined;
}

interface Import {
  from: string;
  specifier: string;
  target: string;
}

function sourceFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.tsx', '*.js', '*.mjs'], { cwd: repo, encoding: 'utf8' });
  return out.split('\n').filter((f) => f && !f.startsWith('proto/generated/') && !f.endsWith('.d.ts'));
}

/**
 * The relative imports of a file. es-module-lexer reads JavaScript; TypeScript's `import type`
 * it reads as is, `export type { } from` only with the `type` blanked (the same length, so
 * positions hold). JSX (the dashboard's .tsx) it cannot read: those files are transpiled by
 * esbuild first, which drops their type-only imports.
 */
async function importsOf(file: string): Promise<Import[]> {
  let source = readFileSync(join(repo, file), 'utf8');
  if (file.endsWith('.tsx')) {
    const { transform } = await import('esbuild');
    source = (await transform(source, { loader: 'tsx', format: 'esm', jsx: 'automatic' })).code;
  }
  source = source.replace(/\bexport\s+type(\s*\{)/g, (m, brace: string) => `export ${' '.repeat(m.length - 'export '.length - brace.length)}${brace}`);
  const [imports] = parse(source, file);
  return imports
    .filter((i) => i.n !== undefined && i.n.startsWith('.'))
    .map((i) => ({ from: file, specifier: i.n!, target: normalize(join(dirname(file), i.n!)) }));
}

function isTestCode(file: string): boolean {
  return file.endsWith('.test.ts') || file.includes('/test-support/');
}

function violation(imp: Import): string | undefined {
  const from = layerOf(imp.from);
  const to = layerOf(imp.target) ?? (relative(repo, join(repo, imp.target)).startsWith('..') ? undefined : { layer: 'scripts' as Layer });
  if (!from || !to) return undefined;
  if (from.layer === to.layer) {
    if (from.layer === 'connector' && from.slice !== to.slice) return `connectors are vertical slices: connectors/${from.slice} may not import connectors/${to.slice}`;
    return undefined;
  }
  if (ALLOWED[from.layer].includes(to.layer)) return undefined;
  // Test code (unit tests and test-support/ folders) may use the shared test harness.
  if (to.layer === 'test' && isTestCode(imp.from) && imp.target.startsWith('test/harness/')) return undefined;
  return `${from.layer === 'connector' ? `connectors/${from.slice}` : from.layer} may import only ${ALLOWED[from.layer].join(', ') || 'itself'}, not ${to.layer === 'connector' ? 'connectors' : to.layer}`;
}

describe('layers', () => {
  let imports: Import[] = [];
  beforeAll(async () => {
    await init;
    imports = (await Promise.all(sourceFiles().map(importsOf))).flat();
  });

  it('reads the imports of every source file', () => {
    expect(imports.length).toBeGreaterThan(1000);
    // Type-only imports and re-exports count: both forms are seen.
    expect(imports).toContainEqual(expect.objectContaining({ from: 'jobmanager/checkpoint/checkpoint-config.ts', target: 'common/job-config' }));
    expect(imports).toContainEqual(expect.objectContaining({ from: 'proto/messages.ts', target: 'proto/generated/sluice/v1/JobGraph' }));
  });

  it('only import downward', () => {
    const problems = imports.flatMap((imp) => {
      const why = violation(imp);
      return why ? [`${imp.from} imports '${imp.specifier}': ${why}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('knows when a rule is broken', () => {
    const check = (from: string, target: string) => violation({ from, specifier: target, target });
    expect(check('common/errors.ts', 'taskmanager/state/list-state')).toMatch(/common may import only common, proto/);
    expect(check('jobmanager/dispatcher/dispatcher.ts', 'taskmanager/task-manager')).toMatch(/not taskmanager/);
    expect(check('taskmanager/task-manager.ts', 'client/rpc/job-manager-client')).toMatch(/not client/);
    expect(check('api/environment.ts', 'proto/messages')).toMatch(/api may import only common/);
    expect(check('connectors/kafka/index.ts', 'taskmanager/runtime/stream-task')).toMatch(/not taskmanager/);
    expect(check('connectors/kafka/index.ts', 'connectors/nexmark/index')).toMatch(/vertical slices/);
    expect(check('index.ts', 'connectors/kafka/index')).toBeUndefined();
    expect(check('job/job-builder.ts', 'client/cli/stream-submit')).toMatch(/not client/);
    expect(check('jobmanager/ha/ha-store.ts', 'test/harness/redis-server')).toMatch(/not test/);
    expect(check('jobmanager/ha/ha-store.test.ts', 'test/harness/redis-server')).toBeUndefined();
    expect(check('jobmanager/ha/ha-store.test.ts', 'taskmanager/task-manager')).toMatch(/not taskmanager/);
    expect(check('jobmanager/test-support/job-manager-fixture.ts', 'test/harness/wait-for')).toBeUndefined();
  });
});
