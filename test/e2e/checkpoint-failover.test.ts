import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { readCommittedRecords, hiddenFiles } from '../harness/part-files';
import { checkRunningSums } from '../harness/running-sums';
import { TestRedis } from '../harness/redis-server';
import { waitFor } from '../harness/wait-for';
import type { ManagedProcess } from '../harness/managed-process';

const JOB = path.join(__dirname, 'jobs', 'checkpointed-sum.js');

/**
 * kill -9 of TaskManagers while a checkpointed job writes exactly-once to FileSink: the
 * committed output holds every running-sum update exactly once, with file and Redis storage.
 */
describe('checkpoints and failover (multi-process)', () => {
  let cluster: TestCluster;
  let redis: TestRedis;
  let tmp: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-cp-'));
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Kills the TaskManager at `index` of the running ones and starts a replacement. */
  async function killAndReplace(victim: ManagedProcess): Promise<void> {
    cluster.killTaskManager(victim);
    await victim.exited;
    cluster.addTaskManager(1);
  }

  async function runWithTwoKills(storage: string | undefined, name: string, keys = 10): Promise<void> {
    const out = path.join(tmp, name);
    const count = 24_000;
    const args = ['--detached', JOB, '--output', out, '--count', String(count), '--rate', '3000', '--interval', '250', '--keys', String(keys)];
    if (storage) args.push('--storage', storage);
    const res = await cluster.cli(args);
    expect(res.stderr).not.toMatch(/Error/);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');

    for (let kill = 0; kill < 2; kill++) {
      const before = await cluster.waitForCheckpointAfter(jobId, 0);
      const victim = cluster.taskManagers.filter((t) => t.running)[0];
      await killAndReplace(victim);
      // running again, restored from a checkpoint, and checkpointing again
      await waitFor(async () => (await cluster.checkpoints(jobId)).counts.restored === kill + 1, { timeoutMs: 30_000, message: `restore #${kill + 1}` });
      await cluster.waitForCheckpointAfter(jobId, before);
    }
    await cluster.waitForJobState(jobId, 'FINISHED', 60_000);

    const check = checkRunningSums(readCommittedRecords<[string, number]>(out), count, keys);
    expect(check.problems).toEqual([]);
    expect(check.exact).toBe(true);
    expect(hiddenFiles(out).filter((f) => f.endsWith('.inprogress'))).toEqual([]);
    const stats = await cluster.checkpoints(jobId);
    expect(stats.counts.restored).toBe(2);
    if (storage) expect(stats.latest.completed!.external_path).toMatch(/^redis:\/\//);
    else expect(stats.latest.completed!.external_path).toMatch(/^file:\/\//);
  }

  // 5000 keys: each subtask's sums table is large enough to track its changes, so most
  // checkpoints copy the entries unchanged since the previous one (state-table.ts).
  it('file storage: two kill -9 with replacements, exactly-once output', { timeout: 180_000 }, async () => {
    await runWithTwoKills(undefined, 'file-storage', 5000);
  });

  it('Redis storage: two kill -9 with replacements, exactly-once output', { timeout: 180_000 }, async () => {
    await runWithTwoKills(`${redis.url}/checkpoints`, 'redis-storage');
  });

  it('Redis down for a while: checkpoints fail, the job keeps running, and checkpoints succeed again', { timeout: 180_000 }, async () => {
    const out = path.join(tmp, 'redis-outage');
    const count = 30_000;
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '3000', '--interval', '200', '--storage', `${redis.url}/outage`]);
    const jobId = jobIdFrom(res.stdout);
    const first = await cluster.waitForCheckpointAfter(jobId, 0);
    await redis.stop();
    await waitFor(async () => (await cluster.checkpoints(jobId)).counts.failed >= 2, { timeoutMs: 30_000, message: 'checkpoints to fail while Redis is down' });
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
    await redis.restart();
    const failedSoFar = (await cluster.checkpoints(jobId)).latest.completed!.id;
    expect(failedSoFar).toBeGreaterThanOrEqual(first);
    await cluster.waitForCheckpointAfter(jobId, failedSoFar);
    await cluster.waitForJobState(jobId, 'FINISHED', 60_000);
    const stats = await cluster.checkpoints(jobId);
    expect(stats.counts.restored).toBe(0); // never failed over
    expect(checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10).exact).toBe(true);
  });

  it('a corrupt latest checkpoint is skipped: the job restores from the previous one', { timeout: 180_000 }, async () => {
    const out = path.join(tmp, 'corrupt');
    const count = 40_000;
    const storageDir = path.join(tmp, 'corrupt-checkpoints');
    const res = await cluster.cli(['--detached', JOB, '--output', out, '--count', String(count), '--rate', '4000', '--interval', '1500', '--retained', '3', '--storage', `file://${storageDir}`]);
    const jobId = jobIdFrom(res.stdout);
    const previous = await cluster.waitForCheckpointAfter(jobId, 1);
    const latest = await cluster.waitForCheckpointAfter(jobId, previous);
    // flip bytes of one state file of the latest checkpoint, then fail the job over at once
    const dir = path.join(storageDir, jobId, `chk-${latest}`);
    const victimFile = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.state'))!);
    const bytes = fs.readFileSync(victimFile);
    bytes[bytes.length - 1] ^= 0xff;
    fs.writeFileSync(victimFile, bytes);
    await killAndReplace(cluster.taskManagers.filter((t) => t.running)[0]);

    await waitFor(async () => (await cluster.checkpoints(jobId)).latest.restored?.id, { timeoutMs: 30_000, message: 'the restore' });
    expect((await cluster.checkpoints(jobId)).latest.restored!.id).toBeLessThan(latest);
    expect(cluster.jobManager.stderr).toMatch(new RegExp(`Checkpoint ${latest} cannot be restored \\(.*corrupt.*\\); falling back to checkpoint`));
    await cluster.waitForJobState(jobId, 'FINISHED', 60_000);
    // State came back consistent: every key's final sum is exact. (Records between the two
    // checkpoints were committed once before and replayed: falling back past a committed
    // checkpoint cannot be exactly-once, in Flink neither.)
    expect(checkRunningSums(readCommittedRecords<[string, number]>(out), count, 10).finalSumsExact).toBe(true);
  });
});
