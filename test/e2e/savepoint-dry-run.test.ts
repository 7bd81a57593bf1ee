import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, runCli, jobIdFrom, type CliResult } from '../harness/cluster';
import { freePort } from '../harness/redis-server';

const JOB = path.join(__dirname, 'jobs', 'savepoint-sum.js');

/**
 * `stream-submit run --dry-run -s SAVEPOINT`: a new job version checked against a real
 * savepoint of a running job, before anything runs; each verdict is then compared with what
 * the real submission does.
 */
describe('run --dry-run against a savepoint (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;
  let savepoint: string;
  /** A JobManager address nothing listens on: the dry run needs no cluster. */
  let nowhere: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 4 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-dry-'));
    nowhere = `127.0.0.1:${await freePort()}`;
    const res = await cluster.cli(['-d', '-p', '2', JOB, '--output', path.join(tmp, 'v1')]);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForCheckpointAfter(jobId, 0);
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', path.join(tmp, 'savepoints')]);
    savepoint = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout)![1];
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const dryRun = (args: string[], jobArgs: string[]) => runCli(['run', '--dry-run', '-s', savepoint, ...args, JOB, '--output', path.join(tmp, 'never'), ...jobArgs], { jobmanager: nowhere });
  const jobCount = async () => (await cluster.rest<{ jobs: unknown[] }>('/jobs')).jobs.length;
  /** The row of one uid in the dry run's table, as its cells. */
  const row = (res: CliResult, uid: string) => {
    const line = res.stdout.split('\n').find((l) => l.startsWith(`  ${uid} `));
    if (!line) throw new Error(`no row for '${uid}' in:\n${res.stdout}`);
    return line.trim().split(/\s{2,}/);
  };

  it('a compatible job version (rescaled to 3): exit 0, every stateful uid restores, then the real restore succeeds', { timeout: 120_000 }, async () => {
    const before = await jobCount();
    const res = await dryRun(['-p', '3'], []);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(new RegExp(`^Dry run: job 'savepoint-sum' against savepoint file://${savepoint}/_metadata\\n`));
    expect(res.stdout).toMatch(/^\s+operator uid\s+operator in the job\s+state in the savepoint\s+parallelism\s+max-par\.\s+result$/m);
    expect(row(res, 'source')).toEqual(['source', 'DataGen Source (source.datagen)', 'splits (list, 2 entries) + split enumerator', '2 -> 3', '128', 'restored']);
    expect(row(res, 'sums')).toEqual(['sums', 'Keyed Sum(1) (keyed.reduce)', 'rolling (keyed, 10 keys)', '2 -> 3', '128', 'restored (keyed state redistributed by key group)']);
    expect(row(res, 'sink')[0]).toBe('sink');
    expect(res.stdout).toMatch(/Result: the restore would succeed: 3 operator\(s\) restore their state\.\n$/);
    expect(await jobCount()).toBe(before);

    const real = await cluster.cli(['-p', '3', '-s', savepoint, JOB, '--output', path.join(tmp, 'v2')]);
    expect(real.code).toBe(0);
  });

  it('a renamed uid: exit 1, its state would be dropped, with a hint; the real submission is refused', async () => {
    const res = await dryRun([], ['--sums-uid', 'sums-v2']);
    expect(res.code).toBe(1);
    expect(row(res, 'sums')).toEqual(['sums', '-', 'rolling (keyed, 10 keys)', '2', '128', 'NOT IN JOB: state would be dropped, needs -n']);
    expect(row(res, 'sums-v2')).toEqual(['sums-v2', 'Keyed Sum(1) (keyed.reduce)', '-', '1', '128', 'no state in savepoint: starts empty']);
    expect(res.stdout).toContain(`hint: 'sums' was in the chain 'Keyed Sum(1) -> File Sink'; the job's 'Keyed Sum(1)' there has uid 'sums-v2' and no state. If it is the same operator, give it .uid('sums') again.`);
    expect(res.stdout).toMatch(/Result: the restore would FAIL:\n  - Savepoint .* holds state of operator\(s\) 'sums' that the job does not have/);

    const real = await cluster.cli(['-s', savepoint, JOB, '--output', path.join(tmp, 'never'), '--sums-uid', 'sums-v2']);
    expect(real.code).toBe(1);
    expect(real.stderr.trim().split('\n').pop()).toMatch(/state of operator\(s\) 'sums' that the job does not have/);
  });

  it('a removed operator: exit 1 naming -n; with -n exit 0 and its state listed as dropped', async () => {
    const refused = await dryRun([], ['--without-sums']);
    expect(refused.code).toBe(1);
    expect(row(refused, 'sums')[4 + 1]).toBe('NOT IN JOB: state would be dropped, needs -n');
    expect(refused.stdout).toMatch(/--allow-non-restored-state \(-n\)/);
    expect(row(refused, 'passthrough')).toEqual(['passthrough', 'Map (map)', '-', '1', '128', 'no state in savepoint: starts empty']);

    const allowed = await dryRun(['-n'], ['--without-sums']);
    expect(allowed.code).toBe(0);
    expect(row(allowed, 'sums')[5]).toBe('DROPPED (allowed by -n)');
    expect(allowed.stdout).toMatch(/Result: the restore would succeed: 2 operator\(s\) restore their state; state of 1 operator\(s\) not in the job is dropped \(-n\)\./);
  });

  it('a uid that now names another kind of operator: restores (exit 0), with the change pointed out; so does the real restore', { timeout: 120_000 }, async () => {
    const res = await dryRun([], ['--sums-as-process']);
    expect(res.code).toBe(0);
    expect(row(res, 'sums')).toEqual(['sums', 'Keyed Process (keyed.process)', 'rolling (keyed, 10 keys)', '2 -> 1', '128', 'restored, but the uid was a keyed.reduce operator: the keyed.process may not read its state']);
    const real = await cluster.cli(['-s', savepoint, JOB, '--output', path.join(tmp, 'v3'), '--sums-as-process']);
    expect(real.code).toBe(0);
  });

  it('a changed maxParallelism: exit 1 for the keyed operator; the real submission is refused alike', async () => {
    const res = await dryRun([], ['--max-parallelism', '64']);
    expect(res.code).toBe(1);
    expect(row(res, 'sums')).toEqual(['sums', 'Keyed Sum(1) (keyed.reduce)', 'rolling (keyed, 10 keys)', '2 -> 1', '128 -> 64', 'FAILS: keyed state cannot change maxParallelism']);
    // operator state (the source's splits) does not depend on key groups
    expect(row(res, 'source')[5]).toBe('restored');
    expect(res.stdout).toMatch(/Result: the restore would FAIL:\n  - Operator 'sums' has keyed state written with maxParallelism 128, but the job gives it maxParallelism 64/);

    const real = await cluster.cli(['-s', savepoint, JOB, '--output', path.join(tmp, 'never'), '--max-parallelism', '64']);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/Operator 'sums' has keyed state written with maxParallelism 128/);
  });

  it('changed state descriptors: a state that changes its kind fails the dry run and the real restore alike', { timeout: 120_000 }, async () => {
    const PROCESS_JOB = path.join(__dirname, 'jobs', 'stateful-process.js');
    const started = await cluster.cli(['-d', '-p', '2', PROCESS_JOB, '--output', path.join(tmp, 'p1')]);
    const jobId = jobIdFrom(started.stdout);
    await cluster.waitForCheckpointAfter(jobId, 0);
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', path.join(tmp, 'savepoints')]);
    const sp = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout)![1];
    const check = (jobArgs: string[]) => runCli(['run', '--dry-run', '-s', sp, PROCESS_JOB, '--output', path.join(tmp, 'never'), ...jobArgs], { jobmanager: nowhere });
    const descriptorRow = (res: CliResult, state: string) => {
      const line = res.stdout.split('\n').find((l) => new RegExp(`^  counter\\s+${state}\\s`).test(l));
      if (!line) throw new Error(`no descriptor row for '${state}' in:\n${res.stdout}`);
      return line.trim().split(/\s{2,}/);
    };

    const same = await check([]);
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/^State descriptors \(keyed state declared in open\(\), by name and kind\):$/m);
    expect(descriptorRow(same, 'count')).toEqual(['counter', 'count', 'value', 'value', 'same']);
    expect(descriptorRow(same, 'recent')).toEqual(['counter', 'recent', 'list', 'list', 'same']);
    expect(row(same, 'counter')[2]).toMatch(/count \(keyed value, 10 keys\), recent \(keyed list, 10 keys\)/);

    const changed = await check(['--count-kind', 'map']);
    expect(changed.code).toBe(1);
    expect(descriptorRow(changed, 'count')).toEqual(['counter', 'count', 'value', 'map', 'FAILS: kind changed']);
    expect(row(changed, 'counter')[5]).toBe('FAILS: a state changed its kind (see state descriptors)');
    expect(changed.stdout).toContain(`  - Operator 'counter': state 'count' is a value state in the savepoint, but the job declares it as a map state.`);

    // state obtained in processElement cannot be seen ahead: the dry run says so
    const lazy = await check(['--lazy']);
    expect(lazy.code).toBe(0);
    expect(lazy.stdout).toContain(`note: 'counter' obtains its state outside open()`);

    // the real restore of the changed kind: the task refuses the state, the job fails with the cause
    const real = await cluster.cli(['-s', sp, PROCESS_JOB, '--output', path.join(tmp, 'never'), '--count-kind', 'map']);
    expect(real.code).toBe(1);
    expect(real.stderr).toMatch(/FAILED: .*State 'count' was restored as a value state but is now used as a map state/);
  });

  it('bad input: no -s, a path that is not a savepoint', async () => {
    const noSp = await runCli(['run', '--dry-run', JOB, '--output', path.join(tmp, 'never')]);
    expect(noSp.code).toBe(1);
    expect(noSp.stderr.trim()).toBe('Error: --dry-run checks a job against a savepoint: give it with -s/--from-savepoint PATH');
    const missing = await runCli(['run', '--dry-run', '-s', path.join(tmp, 'missing'), JOB, '--output', path.join(tmp, 'never')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toMatch(/^Error: Cannot use savepoint .*missing: No checkpoint or savepoint at/);
  });
});
