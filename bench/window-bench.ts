import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../test/harness/cluster';
import { runBaselineWindowCount } from './baseline-window-count';

const JOB = path.join(ROOT, 'bench', 'jobs', 'bench-window-count.js');

export interface WindowBenchResult {
  baselineRate: number;
  baselineMs: number;
  engineRate: number;
  engineMs: number;
}

/**
 * (d) windowed aggregation: the plain-JS tumbling-window count against the engine running
 * the same count (event time, keyBy, 10 s tumbling windows) in one slot at parallelism 1.
 * The engine's time is the job's duration at the JobManager, deployment included.
 */
export async function measureWindowedAggregation(records: number): Promise<WindowBenchResult> {
  runBaselineWindowCount(Math.floor(records / 5)); // warm-up
  const base = runBaselineWindowCount(records);
  const cluster = await TestCluster.start({ taskManagers: 1, slots: 1 });
  try {
    const warm = await cluster.cli(['-p', '1', JOB, '--records', String(Math.floor(records / 5))], { timeoutMs: 600_000 });
    if (warm.code !== 0) throw new Error(`window bench warm-up failed: ${warm.stderr}`);
    const res = await cluster.cli(['-p', '1', JOB, '--records', String(records)], { timeoutMs: 600_000 });
    if (res.code !== 0) throw new Error(`window bench job failed: ${res.stderr}`);
    const job = await cluster.rest<{ 'start-time': number; 'end-time': number }>(`/jobs/${jobIdFrom(res.stdout)}`);
    const engineMs = job['end-time'] - job['start-time'];
    return { baselineRate: (records / base.ms) * 1000, baselineMs: base.ms, engineRate: (records / engineMs) * 1000, engineMs };
  } finally {
    await cluster.stop();
  }
}
