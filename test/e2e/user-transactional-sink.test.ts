import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as path from 'node:path';
import Redis from 'ioredis';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { TestRedis } from '../harness/redis-server';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, '..', '..', 'examples', 'redis-exactly-once.js');

/**
 * The user-written transactional sink of docs/connectors.md (examples/redis-exactly-once.js),
 * run for real: a kill -9 of a TaskManager mid-run, and still every record is in the Redis
 * list exactly once.
 */
describe('a user-written transactional sink (multi-process)', () => {
  let cluster: TestCluster;
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await TestRedis.start();
    cluster = await TestCluster.start({ taskManagers: 2, slots: 2 });
  });

  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
  });

  it('examples/redis-exactly-once.js: every record committed exactly once across a TaskManager kill -9', { timeout: 180_000 }, async () => {
    const count = 6000;
    const res = await cluster.cli(['--detached', JOB, '--redis', redis.url, '--key', 'out', '--count', String(count), '--rate', '1000']);
    expect(res.stderr).not.toMatch(/Error/);
    const jobId = jobIdFrom(res.stdout);
    const client = new Redis(redis.url);
    try {
      await cluster.waitForCheckpointAfter(jobId, 0);
      await waitFor(async () => (await client.llen('out')) > 0, { timeoutMs: 30_000, message: 'a first commit into Redis' });
      const victim = cluster.taskManagers.filter((t) => t.running)[0];
      cluster.killTaskManager(victim);
      await victim.exited;
      cluster.addTaskManager(2);
      await waitFor(async () => (await cluster.checkpoints(jobId)).counts.restored === 1, { timeoutMs: 30_000, message: 'the restore after the kill' });
      await cluster.waitForJobState(jobId, 'FINISHED', 90_000);
      const values = (await client.lrange('out', 0, -1)).map(Number);
      expect(values.length).toBe(count);
      expect(new Set(values).size).toBe(count);
      expect(Math.min(...values)).toBe(0);
      expect(Math.max(...values)).toBe(count - 1);
    } finally {
      client.disconnect();
    }
  });
});
