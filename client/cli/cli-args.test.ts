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
