import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Logger } from '../../common/logger';
import { TestRedis } from '../../test/harness/redis-server';
import { HaStore } from '../ha/ha-store';
import { type ArchivedJob, JobArchive } from './job-archive';

const log = new Logger('archive-test');

function job(n: number, state = 'FINISHED'): ArchivedJob {
  const jobId = n.toString(16).padStart(32, '0');
  return {
    jobId,
    name: `job-${n}`,
    state,
    startTime: 1_000 * n,
    endTime: 1_000 * n + 500,
    documents: { [`/jobs/${jobId}`]: { jid: jobId, state }, [`/jobs/${jobId}/exceptions`]: { 'root-exception': state === 'FAILED' ? `Error: job ${n} broke` : null } },
    overview: { jid: jobId, state },
  };
}

/** The same contract on both HA store kinds a JobManager can use. */
describe.each([
  ['a file HA store', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-archive-'));
    return { root: `file://${dir}`, done: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }],
  ['a Redis HA store', async () => {
    const redis = await TestRedis.start();
    return { root: `${redis.url}/sluice-archive-test`, done: () => redis.stop() };
  }],
])('JobArchive on %s', (_kind, makeStore) => {
  let root: string;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ root, done } = await makeStore());
  });
  afterAll(async () => {
    await done();
  });

  it('keeps the newest jobs within its capacity, and a new JobManager reads them back', async () => {
    const archive = new JobArchive(new HaStore(root), 2, log);
    await archive.load();
    for (const n of [1, 2, 3]) await archive.add(job(n, n === 3 ? 'FAILED' : 'FINISHED'));
    expect(archive.list().map((j) => j.name)).toEqual(['job-2', 'job-3']);

    const restarted = new JobArchive(new HaStore(root), 2, log);
    await restarted.load();
    expect(restarted.list().map((j) => j.name)).toEqual(['job-2', 'job-3']);
    expect(restarted.get(job(3).jobId)?.documents[`/jobs/${job(3).jobId}`]).toEqual({ jid: job(3).jobId, state: 'FAILED' });
    expect(restarted.get(job(1).jobId)).toBeUndefined();
    expect(restarted.summaries(() => false)).toEqual([
      { jobId: job(2).jobId, name: 'job-2', state: 'FINISHED', startTime: 2_000, endTime: 2_500, failureCause: '', failureStack: '' },
      { jobId: job(3).jobId, name: 'job-3', state: 'FAILED', startTime: 3_000, endTime: 3_500, failureCause: 'Error: job 3 broke', failureStack: 'Error: job 3 broke' },
    ]);
    expect(restarted.summaries((id) => id === job(2).jobId).map((s) => s.name)).toEqual(['job-3']);
  });

  it('drops the oldest when it starts with a smaller capacity, and keeps nothing at 0', async () => {
    const smaller = new JobArchive(new HaStore(root), 1, log);
    await smaller.load();
    expect(smaller.list().map((j) => j.name)).toEqual(['job-3']);
    const none = new JobArchive(new HaStore(root), 0, log);
    await none.add(job(9));
    expect(none.list()).toEqual([]);
  });
});
