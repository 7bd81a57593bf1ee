import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, TestCluster, jobIdFrom } from '../harness/cluster';
import { ManagedProcess } from '../harness/managed-process';
import { waitFor } from '../harness/wait-for';

const PRINTS = path.join(__dirname, 'jobs', 'print-and-warn.js');

/**
 * `log-file` (flag, config key, SLUICE_LOG_FILE): each process also appends its log to a file
 * (the TaskManager's slot workers' stderr too), as Flink's processes write log/*.log; the
 * JobManager's REST lists and serves its file; a file that cannot be opened is bad
 * configuration (exit 2).
 */
describe('log files (multi-process)', () => {
  let tmp: string;
  let logDir: string;
  let cluster: TestCluster;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-log-file-'));
    logDir = path.join(tmp, 'log', 'nested'); // created by the processes
    cluster = await TestCluster.start({ taskManagers: 0, jobManagerArgs: ['--log-file', path.join(logDir, 'jm.log')] });
    cluster.addTaskManager(2, 'taskmanager-1', [], { SLUICE_LOG_FILE: path.join(logDir, 'tm.log') });
    await cluster.waitForTaskManagers(1);
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  const read = (name: string) => fs.readFileSync(path.join(logDir, name), 'utf8');

  it('the JobManager and the TaskManager (with its slot workers) append their logs to their files', { timeout: 90_000 }, async () => {
    const res = await cluster.cli([PRINTS]);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'FINISHED');
    await waitFor(() => read('jm.log').includes(`Job '${'print-and-warn'}'`) || read('jm.log').includes(jobId), { message: 'the job in the JobManager log file' });
    expect(read('jm.log')).toMatch(/INFO +\[[^\]]+\] TaskManager taskmanager-1 registered/);
    // What stderr shows is in the file too, line for line.
    expect(cluster.jobManager.stderr.split('\n').filter((l) => /TaskManager taskmanager-1 registered/.test(l))).toEqual(read('jm.log').split('\n').filter((l) => /TaskManager taskmanager-1 registered/.test(l)));
    // A slot worker's stderr (console.error in the job's map) reaches the TaskManager's file.
    await waitFor(() => read('tm.log').includes('map saw seven (stderr of the slot worker)'), { message: 'the worker line in tm.log' });
    expect(read('tm.log')).not.toContain('square'); // print() output is stdout, not the log
  });

  it("the JobManager's REST lists its log file and serves it whole", async () => {
    const list = (await cluster.rest<{ logs: Array<{ name: string; size: number; mtime: number }> }>('/jobmanager/logs')).logs;
    expect(list.map((l) => l.name)).toEqual(['jm.log', 'jobmanager.log']);
    const onDisk = fs.statSync(path.join(logDir, 'jm.log'));
    expect(list[0].size).toBeGreaterThan(0);
    expect(list[0].size).toBeLessThanOrEqual(onDisk.size);
    const res = await fetch(`${cluster.restUrl}/v1/jobmanager/logs/jm.log`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const body = await res.text();
    expect(read('jm.log').startsWith(body)).toBe(true);
    expect(body.length).toBeGreaterThanOrEqual(list[0].size);
    expect((await fetch(`${cluster.restUrl}/jobmanager/logs/tm.log`)).status).toBe(404);
  });

  it('a restarted JobManager appends to its file', { timeout: 60_000 }, async () => {
    const before = read('jm.log');
    await cluster.restartJobManager(['--log-file', path.join(logDir, 'jm.log')]);
    await cluster.waitForTaskManagers(1, 30_000);
    await waitFor(() => read('jm.log').length > before.length && read('jm.log').split('registered').length > before.split('registered').length, { message: 'the second run in the file' });
    expect(read('jm.log').startsWith(before)).toBe(true);
  });

  it("a TaskManager's shutdown lines reach its file too", { timeout: 60_000 }, async () => {
    const tm = cluster.addTaskManager(1, 'taskmanager-2', ['--log-file', path.join(logDir, 'tm-2.log')]);
    await cluster.waitForTaskManagers(2, 30_000);
    tm.kill('SIGTERM');
    expect(await tm.exited).toBe(0);
    expect(read('tm-2.log')).toMatch(/sluice-taskmanager taskmanager-2: received SIGTERM; leaving the cluster\n/);
  });

  it('a log file that cannot be opened is bad configuration: exit 2 with one line', async () => {
    const notADirectory = path.join(tmp, 'a-file');
    fs.writeFileSync(notADirectory, '');
    const jm = new ManagedProcess('jobmanager-bad-log', process.execPath, [path.join(DIST, 'jobmanager', 'main.js'), '--rpc-port', '0', '--rest-port', '0', '--data-dir', path.join(tmp, 'data'), '--log-file', path.join(notADirectory, 'jm.log')], {}, { cwd: tmp });
    expect(await jm.exited).toBe(2);
    expect(jm.stderr).toBe(`sluice-jobmanager: Cannot create the directory of the log file ${path.join(notADirectory, 'jm.log')}: a file is in the way of its directory\n`);
    const directory = new ManagedProcess('taskmanager-bad-log', process.execPath, [path.join(DIST, 'taskmanager', 'main.js'), '--log-file', tmp], {}, { cwd: tmp });
    expect(await directory.exited).toBe(2);
    expect(directory.stderr).toBe(`sluice-taskmanager: Cannot open the log file ${tmp}: EISDIR\n`);
  });
});
