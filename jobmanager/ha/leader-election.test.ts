import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Redis from 'ioredis';
import { RedisLeaderElection } from './leader-election';
import { HaStore } from './ha-store';
import { TestRedis } from '../../test/harness/redis-server';
import { Logger } from '../../common/logger';
import { closeStorageClients } from '../../common/checkpoint/storage-registry';
import { waitUntil } from '../../test/harness/wait-for';
import { testArtifact, sourceMapSinkGraph } from '../test-support/test-job-graphs';

describe('Redis leader election with fencing tokens', () => {
  let redis: TestRedis;
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    closeStorageClients();
    await redis.stop();
  });

  const election = (id: string, ns: string) =>
    new RedisLeaderElection({ redisBase: redis.url, namespace: ns, self: { id, rpcAddress: `${id}:1`, restUrl: `http://${id}:2` }, leaseMs: 300, log: new Logger('test') });

  it('elects one leader; the other takes over with a higher token when the leader stops renewing; the old leader\'s writes are refused', async () => {
    const a = election('a', 'fence');
    const b = election('b', 'fence');
    const elected: string[] = [];
    a.start((t) => elected.push(`a:${t}`), () => {});
    await waitUntil(() => a.isLeader, 'a elected');
    b.start((t) => elected.push(`b:${t}`), () => {});
    // b campaigns for more than a lease (300 ms, a campaign every 100 ms) while a renews.
    await waitUntil(() => b.campaignAttempts >= 5, 'b to campaign five times');
    expect(b.isLeader).toBe(false);
    expect((await b.leader())!.id).toBe('a');

    const store = new HaStore(`${redis.url}/ha-fence`);
    store.fence = { tokenKey: a.tokenKeyName, token: a.fencingToken };
    const job = { jobId: 'a'.repeat(32), graph: sourceMapSinkGraph('j', 1), artifact: testArtifact(), submittedAt: 0, savepointPath: '', allowNonRestoredState: false };
    await store.putJob(job);

    a.stop(); // the leader dies: its lease expires
    await waitUntil(() => b.isLeader, 'b takes over', 5_000);
    expect(b.fencingToken).toBeGreaterThan(a.fencingToken);
    expect(elected).toEqual([`a:${a.fencingToken}`, `b:${b.fencingToken}`]);
    // the deposed leader (token still a's) cannot write any more
    await expect(store.putCheckpoint(job.jobId, { checkpointId: 1, externalPath: 'x' })).rejects.toThrow(/fencing token .* is stale/);
    store.fence = { tokenKey: b.tokenKeyName, token: b.fencingToken };
    await store.putCheckpoint(job.jobId, { checkpointId: 1, externalPath: 'x' });
    expect((await store.jobs()).map((j) => j.jobId)).toEqual([job.jobId]);
    b.stop();
  });

  it('a leader that finds another holding the lease steps down', async () => {
    const a = election('a', 'revoke');
    const revoked: string[] = [];
    const states: string[] = [];
    a.onStateChange((from, to) => states.push(`${from}->${to}`));
    a.start(() => {}, (why) => revoked.push(why));
    await waitUntil(() => a.isLeader, 'a elected');
    // another JobManager took the lease over (e.g. after a long pause of this one)
    const c = new Redis(redis.port, '127.0.0.1');
    await c.set('sluice:revoke:leader', 'x|99|y|z');
    await waitUntil(() => revoked.length > 0, 'revocation', 5_000);
    expect(revoked[0]).toMatch(/another JobManager holds the leadership/);
    expect(a.state).toBe('REVOKED');
    c.disconnect();
    a.stop();
    expect(states).toEqual(['STANDBY->LEADER', 'LEADER->REVOKED', 'REVOKED->STOPPED']);
    expect(revoked).toHaveLength(1);
  });

  it('a stopped election never becomes leader, even with the lease free; stop is final', async () => {
    const stopped = election('s', 'stopped');
    const elected: string[] = [];
    stopped.onStateChange((_, to) => elected.push(`s:${to}`));
    stopped.stop();
    stopped.start(() => elected.push('s:elected'), () => {});
    const other = election('o', 'stopped');
    other.start(() => elected.push('o:elected'), () => {});
    await waitUntil(() => other.isLeader, 'the other election wins the free lease');
    expect(stopped.state).toBe('STOPPED');
    expect(stopped.campaignAttempts).toBe(0);
    expect(elected).toEqual(['s:STOPPED', 'o:elected']);
    other.stop();
    expect(other.state).toBe('STOPPED');
  });
});
