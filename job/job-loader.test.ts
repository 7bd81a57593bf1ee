import { describe, expect, it } from 'vitest';
import { loadJobFunction } from './job-loader';

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
