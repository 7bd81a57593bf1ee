import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../client/cli/stream-submit';

/**
 * Bad-input corpus, CLI surface: stream-submit's own checks (arguments, job files, savepoint
 * paths), each with exit code 1 and exactly one line `Error: ...` on stderr. These run the
 * CLI's main() in this process; none needs a JobManager (a JobManager that is not there is
 * the only thing some of them would reach, and they must fail before it).
 */
let dir: string;
const jobs: Record<string, string> = {
  'throws.js': 'export default function () { throw new TypeError("no env today"); }',
  'object-export.js': 'module.exports = { pipeline: 1 };',
  'syntax.js': 'export default function (env) { env.fromElements(1).print() ) }',
  'no-sink.js': 'export default function (env) { env.fromElements(1).map((x) => x); }',
  'returns-promise.js': 'export default async function (env) { env.fromElements(1).print(); }',
  'exits.js': 'export default function () { process.exit(0); }',
  'requires-missing.js': 'import "left-pad-that-is-not-installed"; export default function () {}',
  'dynamic-require.js': 'export default function (env) { const m = "left" + "-pad"; require(m); env.fromElements(1).print(); }',
  'empty.js': '',
  'bad-parallelism.js': 'export default function (env) { env.setParallelism(0); }',
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-corpus-'));
  for (const [name, code] of Object.entries(jobs)) fs.writeFileSync(path.join(dir, name), code);
  fs.mkdirSync(path.join(dir, 'a-directory.js'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  const out = { stderr: '', stdout: '' };
  const origErr = process.stderr.write.bind(process.stderr);
  const origOut = process.stdout.write.bind(process.stdout);
  process.stderr.write = ((c: string | Uint8Array) => ((out.stderr += String(c)), true)) as typeof process.stderr.write;
  process.stdout.write = ((c: string | Uint8Array) => ((out.stdout += String(c)), true)) as typeof process.stdout.write;
  try {
    // An address nothing listens on: a case that wrongly got past the local checks fails differently.
    const code = await main(['--jobmanager', '127.0.0.1:1', ...argv]);
    return { code, ...out };
  } finally {
    process.stderr.write = origErr;
    process.stdout.write = origOut;
  }
}

const j = (name: string) => () => path.join(dir, name);
type Case = [name: string, argv: Array<string | (() => string)>, message: RegExp];
const cases: Case[] = [
  ['-p -1', ['-p', '-1', j('throws.js')], /^Error: -p\/--parallelism must be a positive integer, got '-1'$/],
  ['-p 0', ['-p', '0', j('throws.js')], /positive integer, got '0'/],
  ['-p abc', ['-p', 'abc', j('throws.js')], /positive integer, got 'abc'/],
  ['-p 1e3', ['-p', '1.5', j('throws.js')], /positive integer, got '1\.5'/],
  ['--jobmanager ""', ['--jobmanager', '', 'list'], /^Error: --jobmanager must be HOST:PORT/],
  ['--jobmanager without port', ['--jobmanager', 'localhost', 'list'], /--jobmanager must be HOST:PORT .*got 'localhost'/],
  ['--jobmanager port out of range', ['--jobmanager', 'h:99999', 'list'], /--jobmanager must be HOST:PORT/],
  ['unknown option', ['--frobnicate', j('throws.js')], /^Error: Unknown option '--frobnicate'\. Run 'stream-submit --help' for usage\.$/],
  ['option without its value', ['--name'], /Option '--name' needs a value/],
  ['status without id', ['status'], /needs a job id/],
  ['status of a malformed id', ['status', 'not-an-id'], /'not-an-id' is not a job id: job ids are 32 hexadecimal characters/],
  ['cancel of a 31-character id', ['cancel', 'a'.repeat(31)], /is not a job id/],
  ['savepoint of a path-like id', ['savepoint', '../../etc'], /is not a job id/],
  ['stop with too many arguments', ['stop', 'a'.repeat(32), 'b', 'c'], /Unexpected argument/],
  ['help of an unknown command', ['help', 'frobnicate'], /Unknown command 'frobnicate'/],
  ['a job file that does not exist', [() => path.join(dir, 'missing.js')], /Job file not found: .*missing\.js/],
  ['a directory as job file', [j('a-directory.js')], /Job file is not a file/],
  ['a job function that throws', [j('throws.js')], /The job function of .*throws\.js threw: no env today/],
  ['an object default export', [j('object-export.js')], /has no default export \(it exports pipeline \(a number\)\)/],
  ['a syntax error', [j('syntax.js')], /Cannot bundle job file .*syntax\.js: .*\(.*syntax\.js:1:\d+\)/],
  ['no sink', [j('no-sink.js')], /The job has no sink: end the pipeline with print\(\), writeAsText\(dir\) or sinkTo\(sink\)/],
  ['an async job function', [j('returns-promise.js')], /returned a promise: it must build the pipeline synchronously/],
  ['process.exit(0) in the job function', [j('exits.js')], /ended its process \(exit code 0\) while building the pipeline/],
  ['an import that cannot be resolved', [j('requires-missing.js')], /Cannot bundle job file .*Could not resolve "left-pad-that-is-not-installed"/],
  ['a require of a computed name', [j('dynamic-require.js')], /requires 'left-pad' at run time, which is neither 'sluice' nor a Node built-in/],
  ['an empty file', [j('empty.js')], /has no default export \(it exports nothing\)/],
  ['parallelism 0 set by the job', [j('bad-parallelism.js')], /parallelism/i],
  ['inspect of a missing savepoint', ['savepoint', '--inspect', '/nonexistent/sp'], /^Error: Cannot use savepoint \/nonexistent\/sp: No checkpoint or savepoint at file:\/\/\/nonexistent\/sp/],
  ['inspect of an unsupported scheme', ['savepoint', '--inspect', 's3://bucket/sp'], /^Error: 's3:\/\/bucket\/sp' is not a savepoint path: give the absolute path of a savepoint directory/],
];

describe('CLI bad-input corpus', () => {
  it.each(cases)('%s', async (_name, argv, message) => {
    const res = await cli(argv.map((a) => (typeof a === 'function' ? a() : a)));
    expect(res.code).toBe(1);
    const lines = res.stderr.trim().split('\n').filter((l) => !l.startsWith('Warning: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Error: /);
    expect(lines[0]).toMatch(message);
    expect(res.stdout).not.toMatch(/submitted/);
  });
});
