import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../test/harness/cluster';
import { waitFor } from '../test/harness/wait-for';

const JOB = path.join(ROOT, 'bench', 'jobs', 'bench-state.js');

export interface SavepointTiming {
  keys: number;
  stateBytes: number;
  durationMs: number;
  restoreMs: number;
}

interface SavepointStats {
  latest: { savepoint: { state_size: number; end_to_end_duration: number } | null; restored: unknown };
}

/**
 * Savepoint duration against keyed state size: a keyed count over `keys` distinct keys runs
 * until every key is in state, then a savepoint is taken (duration from the coordinator), and
 * the job is restored from it (time until the restored job completes its first checkpoint).
 */
export async function measureSavepoint(keys: number): Promise<SavepointTiming> {
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-sp-'));
  try {
    const res = await cluster.cli(['--detached', JOB, '--keys', String(keys)]);
    const jobId = jobIdFrom(res.stdout);
    // every key seen at least once (the sum operator's input covers all keys)
    await waitFor(async () => {
      const job = await cluster.rest<{ vertices: Array<{ metrics: { 'read-records': number } }> }>(`/jobs/${jobId}`);
      return (job.vertices[1]?.metrics['read-records'] ?? 0) > keys * 1.1;
    }, { timeoutMs: 300_000, intervalMs: 500, message: `${keys} keys in state` });
    const sp = await cluster.cli(['stop', jobId, '--savepoint-dir', dir], { timeoutMs: 600_000 });
    if (sp.code !== 0) throw new Error(`savepoint failed: ${sp.stderr}`);
    const stats = await cluster.rest<SavepointStats>(`/jobs/${jobId}/checkpoints`);
    const savepoint = stats.latest.savepoint!;
    const spPath = /Path: (\S+)/.exec(sp.stdout)![1];
    const started = Date.now();
    const restored = await cluster.cli(['--detached', '-s', spPath, JOB, '--keys', String(keys)], { timeoutMs: 600_000 });
    const restoredId = jobIdFrom(restored.stdout);
    await waitFor(async () => (await cluster.jobState(restoredId)) === 'RUNNING' && (await cluster.rest<{ vertices: Array<{ status: string }> }>(`/jobs/${restoredId}`)).vertices.every((v) => v.status === 'RUNNING'), {
      timeoutMs: 300_000,
      intervalMs: 100,
      message: 'the restored job to run',
    });
    const restoreMs = Date.now() - started;
    await cluster.cli(['cancel', restoredId]);
    return { keys, stateBytes: savepoint.state_size, durationMs: savepoint.end_to_end_duration, restoreMs };
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
