import { describe, expect, it } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundleJobFile } from './job-bundler';
import { loadJobFunction, loadJobModule } from './job-loader';

describe('job loader: what a job file exports', () => {
  it.each([
    ['module.exports = { run(env) {} };', /has no default export \(it exports run \(a function\)\)/],
    ['exports.default = { build: 1 };', /has a default export that is an object with build, not a function/],
    ['module.exports = 42;', /exports a number, not a function/],
    ['', /has no default export \(it exports nothing\)/],
    ['Object.defineProperty(exports, "__esModule", { value: true }); exports.pipeline = function () {};', /it exports pipeline \(a function\)/],
  ])('%s', (code, message) => {
    expect(() => loadJobFunction(code, '/tmp/job.js')).toThrow(message);
  });

  it('a function export, CommonJS or ES default, is the job function', () => {
    expect(typeof loadJobFunction('module.exports = function (env) {};', '/tmp/a.js')).toBe('function');
    expect(typeof loadJobFunction('exports.default = function (env) {};', '/tmp/b.js')).toBe('function');
  });
});

describe('job loader: what a job file may do at run time', () => {
  it('resolves only sluice and Node built-ins', () => {
    expect(typeof loadJobFunction('const fs = require("node:fs"); const os = require("os"); module.exports = function () { return [fs, os]; };', '/tmp/ok.js')).toBe('function');
    expect(() => loadJobFunction('require("left-pad"); module.exports = function () {};', '/tmp/dyn.js')).toThrow(
      /requires 'left-pad' at run time, which is neither 'sluice' nor a Node built-in/,
    );
    expect(() => loadJobFunction('require("./secrets.json"); module.exports = function () {};', '/tmp/rel.js')).toThrow(/neither 'sluice' nor a Node built-in/);
  });

  it('stops a module body that never ends', () => {
    const started = Date.now();
    expect(() => loadJobFunction('for (;;) {}', '/tmp/loops.js', { timeoutMs: 300 })).toThrow(/Loading job file \/tmp\/loops\.js did not finish within 0\.3 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('maps stack frames of the bundle to the user file and line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-loader-'));
    const file = path.join(dir, 'mapped.js');
    fs.writeFileSync(file, ['// one', '// two', 'export default function () {', "  throw new RangeError('bad record 700');", '}', ''].join('\n'));
    const { fn, stackMapper } = loadJobModule(await bundleJobFile(file), 'mapped.js');
    let stack = '';
    try {
      fn(undefined as never, undefined as never);
    } catch (err) {
      stack = (err as Error).stack!;
    }
    expect(stackMapper!.mapStack(stack)).toMatch(/mapped\.js:4:9/);
    fs.rmSync(dir, { recursive: true });
  });
});
