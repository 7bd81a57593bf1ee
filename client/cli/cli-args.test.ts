import { describe, it, expect } from 'vitest';
import { parseCliArgs } from './cli-args';
import { COMMANDS, helpText } from './cli-commands';

const submit = { jobmanager: undefined, parallelism: undefined, detached: false, fromSavepoint: undefined, allowNonRestoredState: false, name: undefined, dryRun: false };

describe('stream-submit arguments', () => {
  it('splits options from the job file and its arguments', () => {
    const c = parseCliArgs(['-p', '3', '--detached', '--jobmanager', 'h:1', 'job.js', '--port', '9999', '-p', '7']);
    expect(c).toEqual({
      command: 'run',
      jobFile: 'job.js',
      jobArgs: ['--port', '9999', '-p', '7'],
      options: { ...submit, jobmanager: 'h:1', parallelism: 3, detached: true },
    });
  });

  it('`run` takes the same options as the bare form, before or after the word run', () => {
    const bare = parseCliArgs(['-s', '/sp', '-n', '--name', 'x', 'job.js', 'a']);
    expect(parseCliArgs(['run', '-s', '/sp', '-n', '--name', 'x', 'job.js', 'a'])).toEqual(bare);
    expect(parseCliArgs(['-s', '/sp', 'run', '-n', '--name=x', 'job.js', 'a'])).toEqual(bare);
    expect(bare).toEqual({ command: 'run', jobFile: 'job.js', jobArgs: ['a'], options: { ...submit, fromSavepoint: '/sp', allowNonRestoredState: true, name: 'x' } });
    // a job file named like a subcommand is reachable with run
    expect(parseCliArgs(['run', 'list'])).toMatchObject({ command: 'run', jobFile: 'list' });
  });

  it('--dry-run needs a savepoint', () => {
    expect(parseCliArgs(['run', '--dry-run', '-s', '/sp', 'job.js'])).toMatchObject({ command: 'run', options: { dryRun: true, fromSavepoint: '/sp' } });
    expect(() => parseCliArgs(['run', '--dry-run', 'job.js'])).toThrow(/-s\/--from-savepoint/);
  });

  it('parses info', () => {
    expect(parseCliArgs(['info', '--json', '-p', '2', 'job.js', '--lines', '5'])).toEqual({ command: 'info', jobFile: 'job.js', jobArgs: ['--lines', '5'], parallelism: 2, json: true });
    expect(() => parseCliArgs(['info'])).toThrow(/needs a job file/);
    expect(() => parseCliArgs(['info', '-d', 'job.js'])).toThrow(/'-d'.*stream-submit info --help/);
  });

  it('parses list with -a / -r, status and cancel, options anywhere', () => {
    expect(parseCliArgs(['list'])).toEqual({ command: 'list', jobmanager: undefined, filter: 'all' });
    expect(parseCliArgs(['list', '-a'])).toEqual({ command: 'list', jobmanager: undefined, filter: 'all' });
    expect(parseCliArgs(['list', '-r', '-m', 'h:9'])).toEqual({ command: 'list', jobmanager: 'h:9', filter: 'running' });
    expect(() => parseCliArgs(['list', '-a', '-r'])).toThrow(/not both/);
    expect(() => parseCliArgs(['list', 'extra'])).toThrow(/Unexpected argument 'extra'/);
    expect(parseCliArgs(['status', 'abc', '--jobmanager', 'h:2'])).toEqual({ command: 'status', jobmanager: 'h:2', jobId: 'abc' });
    expect(parseCliArgs(['--jobmanager', 'h:3', 'cancel', 'abc'])).toEqual({ command: 'cancel', jobmanager: 'h:3', jobId: 'abc' });
  });

  it('parses savepoint, --inspect, --dispose and stop', () => {
    expect(parseCliArgs(['savepoint', 'abc', '/dir'])).toEqual({ command: 'savepoint', jobmanager: undefined, jobId: 'abc', targetDirectory: '/dir' });
    expect(parseCliArgs(['savepoint', '--inspect', '/sp'])).toEqual({ command: 'inspect', path: '/sp' });
    expect(parseCliArgs(['savepoint', '--dispose', '/sp'])).toEqual({ command: 'dispose', path: '/sp' });
    expect(parseCliArgs(['savepoint', '--dispose=redis://h:1/0/sp'])).toEqual({ command: 'dispose', path: 'redis://h:1/0/sp' });
    expect(() => parseCliArgs(['savepoint', '--dispose'])).toThrow(/Option '--dispose' needs a value/);
    expect(() => parseCliArgs(['savepoint', '--inspect', '/a', '--dispose', '/b'])).toThrow(/not both/);
    expect(parseCliArgs(['stop', 'abc', '-d', '--savepoint-dir', '/d'])).toEqual({ command: 'stop', jobmanager: undefined, jobId: 'abc', savepointDir: '/d', drain: true });
  });

  it('help: --help on every command, help COMMAND, and no arguments', () => {
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help', topic: undefined });
    expect(parseCliArgs(['help'])).toEqual({ command: 'help', topic: undefined });
    for (const name of Object.keys(COMMANDS)) {
      if (name === 'help') continue;
      expect(parseCliArgs([name, '--help'])).toEqual({ command: 'help', topic: name });
      expect(parseCliArgs(['help', name])).toEqual({ command: 'help', topic: name });
      expect(parseCliArgs([name, '-h'])).toEqual({ command: 'help', topic: name });
    }
    expect(parseCliArgs(['-h', 'job.js'])).toEqual({ command: 'help', topic: undefined });
    expect(() => parseCliArgs(['-p', '2', '-d'])).toThrow(/needs a job file or a command/);
    expect(() => parseCliArgs(['help', 'bogus'])).toThrow(/Unknown command 'bogus'/);
  });

  it('--version', () => {
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['-v'])).toEqual({ command: 'version' });
  });

  it('help texts name every command and each command its options', () => {
    const all = helpText();
    for (const name of Object.keys(COMMANDS)) expect(all).toContain(`  ${name} `);
    expect(helpText('run')).toMatch(/--dry-run/);
    expect(helpText('list')).toMatch(/-r, --running/);
    expect(helpText('savepoint')).toMatch(/--dispose PATH/);
  });

  it('rejects unknown options and bad parallelism with a clear message', () => {
    expect(() => parseCliArgs(['--bogus', 'job.js'])).toThrow(/bogus/);
    expect(() => parseCliArgs(['-p', 'zero', 'job.js'])).toThrow(/positive integer/);
    expect(() => parseCliArgs(['status'])).toThrow(/needs a job id/);
    expect(() => parseCliArgs(['cancel', 'a', 'b'])).toThrow(/Unexpected argument 'b'/);
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
    expect(parseCliArgs(['--jobmanager', '127.0.0.1:6123,[::1]:6124', 'list'])).toMatchObject({ command: 'list', jobmanager: '127.0.0.1:6123,[::1]:6124' });
    expect(parseCliArgs(['-m', 'jm-0.jm:6123', '-p', '4', 'job.js']).command).toBe('run');
  });
});
