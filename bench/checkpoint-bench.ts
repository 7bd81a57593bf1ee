import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom } from '../test/harness/cluster';
import { checkpointReport, type CheckpointReport } from './checkpoint-report';

const WORDCOUNT = path.join(ROOT, 'bench', 'jobs', 'bench-wordcount.js');
const RECOVERY = path.join(ROOT, 'bench', 'jobs', 'bench-recovery.js');

export interface CheckpointOverhead {
  withoutMs: number;
  withMs: number;
  /** Every run's time, in the order run. */
  withoutRuns: number[];
  withRuns: number[];
  /** The checkpoints of the best run with them. */
  report: CheckpointReport;
  /** Fewest periodic checkpoints in any run with them. */
  fewestPeriodic: number;
  meanStateBytes: number;
}

interface JobTiming {
  'start-time': number;
  'end-time': number;
}

/**
 * The keyBy word count across two TaskManagers, without and with checkpoints every second:
 * alternating (a shared machine's load drifts between runs), the best of `runs` each.
 */
export async function measureCheckpointOverhead(lines: number, runs = 3): Promise<CheckpointOverhead> {
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  try {
    const run = async (extra: string[]) => {
      const res = await cluster.cli(['-p', '2', WORDCOUNT, '--lines', String(lines), ...extra], { timeoutMs: 600_000 });
      if (res.code !== 0) throw new Error(`benchmark job failed: ${res.stderr}`);
      const jobId = jobIdFrom(res.stdout);
      const job = await cluster.rest<JobTiming>(`/jobs/${jobId}`);
      return { jobId, startedAt: job['start-time'], ms: job['end-time'] - job['start-time'] };
    };
    await run(['--lines', String(Math.floor(lines / 5))]); // warm-up
    await run(['--lines', String(Math.floor(lines / 5)), '--checkpoint', '1000']);
    const withoutRuns: number[] = [];
    const withRuns: number[] = [];
    let best: { ms: number; report: CheckpointReport } | undefined;
    let fewestPeriodic = Infinity;
    for (let i = 0; i < runs; i++) {
      for (const mode of i % 2 === 0 ? ['without', 'with'] : ['with', 'without']) {
        if (mode === 'without') {
          withoutRuns.push((await run([])).ms);
          continue;
        }
        const r = await run(['--checkpoint', '1000']);
        withRuns.push(r.ms);
        const report = await checkpointReport(cluster, r.jobId, r.startedAt);
        fewestPeriodic = Math.min(fewestPeriodic, report.periodic);
        if (!best || r.ms < best.ms) best = { ms: r.ms, report };
      }
    }
    const periodic = best!.report.checkpoints.slice(0, best!.report.periodic);
    return {
      withoutMs: Math.min(...withoutRuns),
      withMs: best!.ms,
      withoutRuns,
      withRuns,
      report: best!.report,
      fewestPeriodic,
      meanStateBytes: periodic.length ? periodic.reduce((n, c) => n + c.stateBytes, 0) / periodic.length : 0,
    };
  } finally {
    await cluster.stop();
  }
}

/** Time from kill -9 of a TaskManager (a spare one is registered) to the next completed checkpoint. */
export async function measureRecovery(rounds: number): Promise<number[]> {
  const cluster = await TestCluster.start({ taskManagers: 3, slots: 1 });
  const times: number[] = [];
  try {
    const res = await cluster.cli(['--detached', RECOVERY]);
    const jobId = jobIdFrom(res.stdout);
    for (let r = 0; r < rounds; r++) {
      const last = await cluster.waitForCheckpointAfter(jobId, 0);
      const restoredBefore = (await cluster.checkpoints(jobId)).counts.restored;
      // a TaskManager running tasks (not the spare, whose slot is free)
      const tms = await cluster.rest<{ taskmanagers: Array<{ id: string; freeSlots: number }> }>('/taskmanagers');
      const usedIds = new Set(tms.taskmanagers.filter((t) => t.freeSlots === 0).map((t) => t.id));
      const victim = cluster.taskManagers.find((t) => t.running && usedIds.has(t.name));
      if (!victim) throw new Error('no TaskManager with tasks found');
      const killedAt = Date.now();
      cluster.killTaskManager(victim);
      for (;;) {
        const s = await cluster.checkpoints(jobId);
        if (s.counts.restored > restoredBefore && (s.latest.completed?.id ?? 0) > last) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      times.push(Date.now() - killedAt);
      cluster.addTaskManager(1); // the next spare
      await cluster.waitForTaskManagers(3);
    }
    await cluster.cli(['cancel', jobId]);
    return times;
  } finally {
    await cluster.stop();
  }
}
