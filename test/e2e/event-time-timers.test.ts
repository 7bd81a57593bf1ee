import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords } from '../harness/part-files';
import { waitFor } from '../harness/wait-for';
import { events, KEYS, type WindowEvent } from './jobs/lib/window-events';

const JOB = path.join(__dirname, 'jobs', 'event-time-timers.js');

/** What the timers of event-time-timers.js emit: per key and distinct T = ts + 500, the sum over [T - 500, T]. */
function expectedTimers(evs: readonly WindowEvent[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < KEYS; k++) {
    const mine = evs.filter((e) => e[0] === `k${k}`);
    for (const t of new Set(mine.map((e) => e[1] + 500))) {
      const sum = mine.filter((e) => e[1] >= t - 500 && e[1] <= t).reduce((a, e) => a + e[2], 0);
      out.push(JSON.stringify([`k${k}`, t, sum]));
    }
  }
  for (let k = 0; k < KEYS; k++) out.push(JSON.stringify(['ptimer', `k${k}`]));
  return out.sort();
}

/** key|windowStart → sum of the 1 s tumbling windows. */
function expectedWindows(evs: readonly WindowEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, ts, v] of evs) {
    const id = `${k}|${ts - (ts % 1000)}`;
    m.set(id, (m.get(id) ?? 0) + v);
  }
  return m;
}

function windowsOf(rows: WindowEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, ts, sum] of rows) {
    const id = `${k}|${ts - (ts % 1000)}`;
    expect(m.has(id)).toBe(false); // every window exactly once
    m.set(id, sum);
  }
  return m;
}

/**
 * Timers on a real cluster: event-time timers fire in order as watermarks pass, processing-
 * time timers on the clock, all pending ones before a bounded job finishes; and across a
 * kill -9 of a TaskManager, timers and windows come back from the checkpoint exactly once.
 */
describe('timers (multi-process)', () => {
  let cluster: TestCluster;
  let tmp: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-timers-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('event- and processing-time timers and windows: every one fires once, before FINISHED, as the reference says', async () => {
    const count = 4000;
    const out = path.join(tmp, 'timers');
    const windows = path.join(tmp, 'windows');
    const res = await cluster.cli([JOB, '--count', String(count), '--output', out, '--windows', windows]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    expect(res.code).toBe(0);
    const all = events(count);
    expect(readCommittedRecords(out).map((r) => JSON.stringify(r)).sort()).toEqual(expectedTimers(all));
    expect(windowsOf(readCommittedRecords<WindowEvent>(windows))).toEqual(expectedWindows(all));
  });

  it('kill -9 of a TaskManager mid-job: timers and windows are restored from the checkpoint, output exactly once', { timeout: 180_000 }, async () => {
    const count = 12_000;
    const out = path.join(tmp, 'timers-failover');
    const windows = path.join(tmp, 'windows-failover');
    const res = await cluster.cli(['--detached', JOB, '--count', String(count), '--rate', '2000', '--checkpoint', '300', '--output', out, '--windows', windows]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    const before = await cluster.waitForCheckpointAfter(jobId, 1);
    const victim = cluster.taskManagers.filter((t) => t.running)[0];
    cluster.killTaskManager(victim);
    await victim.exited;
    cluster.addTaskManager(1);
    await waitFor(async () => (await cluster.checkpoints(jobId)).counts.restored >= 1, { timeoutMs: 60_000, message: 'a restore from the checkpoint' });
    await cluster.waitForCheckpointAfter(jobId, before, 60_000);
    await cluster.waitForJobState(jobId, 'FINISHED', 90_000);
    const all = events(count);
    expect(readCommittedRecords(out).map((r) => JSON.stringify(r)).sort()).toEqual(expectedTimers(all));
    expect(windowsOf(readCommittedRecords<WindowEvent>(windows))).toEqual(expectedWindows(all));
  });

  it('stop-with-savepoint at parallelism 2, restore at 3: pending windows and timers fire exactly once after the rescale', { timeout: 180_000 }, async () => {
    const count = 12_000;
    const dir = (name: string) => path.join(tmp, name);
    const res = await cluster.cli(['--detached', JOB, '--count', String(count), '--rate', '2000', '--checkpoint', '300', '--output', dir('t-p2'), '--windows', dir('w-p2')]);
    expect(res.stderr).not.toMatch(/error|warning/i);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForCheckpointAfter(jobId, 1);
    // without --drain: event time does not jump to the end, windows and timers stay pending in the savepoint
    const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', dir('savepoints')]);
    expect(stop.code).toBe(0);
    const sp = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout)![1];
    expect(await cluster.jobState(jobId)).toBe('FINISHED');
    const firstTimers = readCommittedRecords(dir('t-p2')).length;
    expect(firstTimers).toBeGreaterThan(0);

    // 3 subtasks need 3 of the 2 x 1 slots: add a TaskManager for the restored job
    cluster.addTaskManager(1);
    await cluster.waitForTaskManagers(cluster.taskManagers.filter((t) => t.running).length);
    const restored = await cluster.cli(['-s', sp, JOB, '--parallelism', '3', '--count', String(count), '--rate', '2000', '--checkpoint', '300', '--output', dir('t-p3'), '--windows', dir('w-p3')], { timeoutMs: 120_000 });
    expect(restored.stderr).not.toMatch(/error/i);
    expect(restored.code).toBe(0);

    const all = events(count);
    const timers = [...readCommittedRecords(dir('t-p2')), ...readCommittedRecords(dir('t-p3'))];
    expect(timers.length).toBeGreaterThan(firstTimers);
    expect(timers.map((r) => JSON.stringify(r)).sort()).toEqual(expectedTimers(all));
    expect(windowsOf([...readCommittedRecords<WindowEvent>(dir('w-p2')), ...readCommittedRecords<WindowEvent>(dir('w-p3'))])).toEqual(expectedWindows(all));
  });
});
