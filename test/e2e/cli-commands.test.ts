import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Redis from 'ioredis';
import { TestCluster, runCli, jobIdFrom, DIST, ROOT } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { TestRedis } from '../harness/redis-server';

const JOBS = path.join(__dirname, 'jobs');
const SUM_JOB = path.join(JOBS, 'savepoint-sum.js');

/** What a Flink user reaches for first: help, version, run, info, list -a/-r, dispose, Ctrl-C. */
describe('stream-submit commands (multi-process)', () => {
  let cluster: TestCluster;
  let redis: TestRedis;
  let tmp: string;

  beforeAll(async () => {
    [cluster, redis] = await Promise.all([TestCluster.start({ taskManagers: 1, slots: 4 }), TestRedis.start()]);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function savepointPath(stdout: string): string {
    const m = /Savepoint completed\. Path: (\S+)/.exec(stdout);
    if (!m) throw new Error(`no savepoint path in: ${stdout}`);
    return m[1];
  }

  it('--help on stream-submit and on every subcommand, help COMMAND, --version', async () => {
    const top = await runCli(['help']);
    expect(top.code).toBe(0);
    expect(top.stderr).toBe('');
    for (const name of ['run', 'info', 'list', 'status', 'cancel', 'savepoint', 'stop']) expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect((await runCli(['--help'])).stdout).toBe(top.stdout);

    const sp = await runCli(['savepoint', '--help']);
    expect(sp.code).toBe(0);
    expect(sp.stdout).toMatch(/^Usage: stream-submit savepoint JOBID \[TARGET_DIR\]$/m);
    expect(sp.stdout).toMatch(/--dispose PATH/);
    expect((await runCli(['help', 'savepoint'])).stdout).toBe(sp.stdout);
    const stop = await runCli(['stop', '-h']);
    expect(stop.stdout).toMatch(/--savepoint-dir DIR/);
    expect((await runCli(['run', '--help'])).stdout).toMatch(/-n, --allow-non-restored-state/);

    const version = await runCli(['--version']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(`stream-submit (Sluice) ${pkg.version}`);

    const unknown = await runCli(['help', 'bogus']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^Error: Unknown command 'bogus'/);
    // a mistyped command is not reported as a missing job file
    const typo = await runCli(['lsit']);
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim()).toBe(`Error: 'lsit' is neither a command nor a job file. Commands: run, info, list, status, cancel, savepoint, stop, help (see 'stream-submit --help').`);
  });

  it('info prints the plan without a cluster: vertices, parallelism, partitioners, uids; --json too', async () => {
    const res = await runCli(['info', '-p', '3', SUM_JOB, '--output', path.join(tmp, 'never')], { jobmanager: '127.0.0.1:1' });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/^Job 'savepoint-sum': 2 vertices, 1 edges/);
    expect(res.stdout).toMatch(/\[1\] DataGen Source\n\s+vertex [0-9a-f]{32}, parallelism 3, maxParallelism 128\n\s+- DataGen Source\s+source\.datagen\s+uid source\n/);
    expect(res.stdout).toMatch(/\[2\] Keyed Sum\(1\) -> File Sink\n.*parallelism 3.*\n\s+<- \[1\] DataGen Source\s+\(HASH\)\n\s+- Keyed Sum\(1\)\s+keyed\.reduce\s+uid sums\n\s+- File Sink\s+sink\.file\s+uid sink\n/);

    const json = await runCli(['info', '--json', SUM_JOB, '--output', path.join(tmp, 'never'), '--max-parallelism', '64']);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as { name: string; vertices: Array<{ id: string; parallelism: number; maxParallelism: number; operators: Array<{ uid: string; userUid: boolean }> }>; edges: Array<{ source: string; target: string; partitioner: string }> };
    expect(plan.name).toBe('savepoint-sum');
    expect(plan.vertices.map((v) => [v.parallelism, v.maxParallelism, v.operators.map((o) => o.uid)])).toEqual([
      [1, 64, ['source']],
      [1, 64, ['sums', 'sink']],
    ]);
    expect(plan.edges).toEqual([expect.objectContaining({ source: plan.vertices[0].id, target: plan.vertices[1].id, partitioner: 'hash' })]);

    const broken = await runCli(['info', path.join(JOBS, 'no-sink.js')]);
    expect(broken.code).toBe(1);
    expect(broken.stderr.trim()).toMatch(/^Error: .*no sink/);
  });

  it('warns when -p is overridden by env.setParallelism in the job file (info and run)', async () => {
    const info = await runCli(['info', '-p', '3', path.join(JOBS, 'unbounded.js')]);
    expect(info.code).toBe(0);
    expect(info.stderr.trim()).toBe(
      'Warning: -p 3 is overridden by env.setParallelism(2) in unbounded.js: its operators run with parallelism 2 unless they set their own. Remove the call to let -p decide.',
    );
    expect(info.stdout).toMatch(/parallelism 2, maxParallelism 128/);
    // no warning when -p agrees, or for a job file that leaves parallelism to -p
    expect((await runCli(['info', '-p', '2', path.join(JOBS, 'unbounded.js')])).stderr).toBe('');
    expect((await runCli(['info', '-p', '3', SUM_JOB, '--output', path.join(tmp, 'never')])).stderr).toBe('');
  });

  it('the examples set uid()s: no warnings of their own', async () => {
    // every job file under examples/ (helper modules without a default export are not jobs)
    const jobFiles = (fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.js') && /export default|module\.exports\s*=/.test(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')));
    expect(jobFiles.length).toBeGreaterThanOrEqual(5);
    for (const file of jobFiles) {
      const res = await runCli(['info', path.join(ROOT, 'examples', file), '--output', path.join(tmp, 'never'), '--events', '10']);
      expect(res.code, `${file}: ${res.stderr}`).toBe(0);
      expect(res.stderr, file).toBe('');
    }
  });

  it('list -a shows finished jobs, list -r only running ones; run is the bare form', async () => {
    const finished = await cluster.cli(['run', path.join(JOBS, 'print-sequence.js')]);
    expect(finished.code).toBe(0);
    const finishedId = jobIdFrom(finished.stdout);
    const running = await cluster.cli(['run', '-d', path.join(JOBS, 'unbounded.js')]);
    expect(running.code).toBe(0);
    const runningId = jobIdFrom(running.stdout);
    await cluster.waitForJobState(runningId, 'RUNNING');

    for (const args of [['list'], ['list', '-a']]) {
      const all = await cluster.cli(args);
      expect(all.code).toBe(0);
      expect(all.stdout).toMatch(new RegExp(`Running/Restarting Jobs -+\\n.*${runningId} : unbounded \\(RUNNING\\)\\n-+ Terminated Jobs`));
      expect(all.stdout).toMatch(new RegExp(`Terminated Jobs -+\\n(.*\\n)*.*${finishedId} : print-sequence \\(FINISHED\\)`));
    }
    const onlyRunning = await cluster.cli(['list', '-r']);
    expect(onlyRunning.code).toBe(0);
    expect(onlyRunning.stdout).toContain(`${runningId} : unbounded (RUNNING)`);
    expect(onlyRunning.stdout).not.toContain(finishedId);
    expect(onlyRunning.stdout).not.toContain('Terminated Jobs');

    expect((await cluster.cli(['cancel', runningId])).code).toBe(0);
    await cluster.waitForJobState(runningId, 'CANCELED');
    expect((await cluster.cli(['list', '-r'])).stdout).not.toContain(runningId);
  });

  it('Ctrl-C on an attached submit: the job keeps running, the CLI says how to cancel it, exit 130', { timeout: 60_000 }, async () => {
    const cli = new ManagedProcess('stream-submit', process.execPath, [path.join(DIST, 'client', 'cli', 'stream-submit.js'), '--jobmanager', cluster.rpcAddress, path.join(JOBS, 'unbounded.js')]);
    const m = await cli.waitForStdout(/Job has been submitted with JobID ([0-9a-f]{32})/);
    const jobId = m[1];
    await cluster.waitForJobState(jobId, 'RUNNING');
    cli.kill('SIGINT');
    expect(await cli.exited).toBe(130);
    expect(cli.stderr.trim()).toBe(`Interrupted: job ${jobId} keeps running on the cluster (Ctrl-C only detaches this client). Cancel it with: stream-submit cancel ${jobId} --jobmanager ${cluster.rpcAddress}`);
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
    // the command it printed works as printed
    const cancel = await runCli(['cancel', jobId, '--jobmanager', cluster.rpcAddress]);
    expect(cancel.code).toBe(0);
    await cluster.waitForJobState(jobId, 'CANCELED');
  });

  it('savepoint --dispose deletes a file or Redis savepoint and refuses anything else', { timeout: 120_000 }, async () => {
    const jobId = jobIdFrom((await cluster.cli(['-d', '-p', '2', SUM_JOB, '--output', path.join(tmp, 'out'), '--rate', '500'])).stdout);
    await cluster.waitForCheckpointAfter(jobId, 0);
    const fileSp = savepointPath((await cluster.cli(['savepoint', jobId, path.join(tmp, 'savepoints')])).stdout);
    const redisSp = savepointPath((await cluster.cli(['stop', jobId, '--savepoint-dir', `${redis.url}/savepoints`])).stdout);
    const fileDir = fileSp;
    expect(fs.readdirSync(fileDir).some((f) => f.endsWith('.state')), `${fileSp}: ${fs.readdirSync(fileDir).join(' ')}`).toBe(true);

    // not a savepoint: a directory of other files, a missing path, a relative garbage path
    const other = path.join(tmp, 'precious');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'keep.txt'), 'keep');
    const refused = await runCli(['savepoint', '--dispose', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^Error: Refusing to dispose of .*precious: No checkpoint or savepoint at/);
    expect(fs.readFileSync(path.join(other, 'keep.txt'), 'utf8')).toBe('keep');
    fs.writeFileSync(path.join(other, '_metadata'), 'not metadata');
    expect((await runCli(['savepoint', '--dispose', other])).stderr).toMatch(/is not checkpoint metadata/);
    expect(fs.readdirSync(other).sort()).toEqual(['_metadata', 'keep.txt']);

    const disposed = await runCli(['savepoint', '--dispose', fileSp]);
    expect(disposed.code).toBe(0);
    expect(disposed.stdout.trim()).toBe(`Savepoint ${fileDir} disposed.`);
    expect(fs.existsSync(fileDir)).toBe(false);
    expect((await runCli(['savepoint', '--dispose', fileSp])).code).toBe(1);

    const client = new Redis(redis.port, '127.0.0.1');
    try {
      const spKey = redisSp.replace(/^redis:\/\/[^/]+\/\d+/, '').replace(/\/_metadata$/, '');
      expect((await client.keys(`sluice:${spKey}/*`)).length).toBeGreaterThan(1);
      const viaRedis = await runCli(['savepoint', '--dispose', redisSp]);
      expect(viaRedis.code).toBe(0);
      expect(viaRedis.stdout).toMatch(/^Savepoint redis:\/\/.* disposed\.$/m);
      expect(await client.keys(`sluice:${spKey}*`)).toEqual([]);
    } finally {
      client.disconnect();
    }
  });
});
