import { describe, it, expect } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('stream-submit arguments', () => {
  it('splits options from the job file and its arguments', () => {
    const c = parseCliArgs(['-p', '3', '--detached', '--jobmanager', 'h:1', 'job.js', '--port', '9999', '-p', '7']);
    expect(c).toEqual({
      command: 'run',
      jobFile: 'job.js',
      jobArgs: ['--port', '9999', '-p', '7'],
      options: { jobmanager: 'h:1', parallelism: 3, detached: true, fromSavepoint: undefined, allowNonRestoredState: false, name: undefined },
    });
  });

  it('parses list, status and cancel', () => {
    expect(parseCliArgs(['list'])).toEqual({ command: 'list', jobmanager: undefined });
    expect(parseCliArgs(['status', 'abc', '--jobmanager', 'h:2'])).toEqual({ command: 'status', jobmanager: 'h:2', jobId: 'abc' });
    expect(parseCliArgs(['--jobmanager', 'h:3', 'cancel', 'abc'])).toEqual({ command: 'cancel', jobmanager: 'h:3', jobId: 'abc' });
  });

  it('rejects unknown options and bad parallelism with a clear message', () => {
    expect(() => parseCliArgs(['--bogus', 'job.js'])).toThrow(/bogus/);
    expect(() => parseCliArgs(['-p', 'zero', 'job.js'])).toThrow(/positive integer/);
    expect(() => parseCliArgs(['status'])).toThrow(/needs a job id/);
  });
});

describe('stream-submit argument errors are one sentence of ours, never the parser\'s text', () => {
  it.each([
    [['-p', '-1', 'job.js'], /^-p\/--parallelism must be a positive integer, got '-1'$/],
    [['--parallelism', '-3', 'job.js'], /^-p\/--parallelism must be a positive integer, got '-3'$/],
    [['-p', '2.5', 'job.js'], /positive integer, got '2\.5'/],
    [['--jobmanager', '', 'job.js'], /^--jobmanager must be HOST:PORT .*got ''/],
    [['--jobmanager', 'localhost', 'list'], /^--jobmanager must be HOST:PORT .*got 'localhost'/],
    [['--jobmanager', 'h:70000', 'list'], /^--jobmanager must be HOST:PORT/],
    [['--bogus', 'job.js'], /^Unknown option '--bogus'\. Run 'stream-submit --help' for usage\.$/],
    [['--name'], /^Option '--name' needs a value\. Run/],
    [['-d=yes', 'job.js'], /^Unknown option|takes no value/],
  ])('%j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('accepts several JobManager addresses and IPv6 literals', () => {
    expect(parseCliArgs(['--jobmanager', '127.0.0.1:6123,[::1]:6124', 'list'])).toEqual({ command: 'list', jobmanager: '127.0.0.1:6123,[::1]:6124' });
    expect(parseCliArgs(['-m', 'jm-0.jm:6123', '-p', '4', 'job.js']).command).toBe('run');
  });
});
