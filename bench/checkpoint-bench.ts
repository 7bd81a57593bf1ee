import * as path from 'node:path';
import { TestCluster, ROOT, jobIdFrom, type CheckpointsView } from '../test/harness/cluster';

const WORDCOUNT = path.join(ROOT, 'bench', 'jobs', 'bench-wordcount.js');
const RECOVERY = path.join(ROOT, 'bench', 'jobs', 'bench-recovery.js');

export interface CheckpointOverhead {
  withoutMs: number;
  withMs: number;
  checkpoints: number;
  meanDurationMs: number;
  maxAlignmentMs: number;
  meanStateBytes: number;
}

interface CheckpointHistoryView {
  counts: CheckpointsView['counts'];
  history: Array<{ end_to_end_duration: number; alignment_duration: number; state_size: number; status: string }>;
}

interface JobTiming {
  'start-time': number;
  'end-time': number;
}

/** The keyBy word count across two TaskManagers, without and with checkpoints every second. */
export async function measureCheckpointOverhead(lines: number): Promise<CheckpointOverhead> {
  const cluster = await TestCluster.start({ taskManagers: 2, slots: 1 });
  try {
    const run = async (extra: string[]) => {
      const res = await cluster.cli(['-p', '2', WORDCOUNT, '--lines', String(lines), ...extra], { timeoutMs: 600_000 });
      if (res.code !== 0) throw new Error(`benchmark job failed: ${res.stderr}`);
      const jobId = jobIdFrom(res.stdout);
      const job = await cluster.rest<JobTiming>(`/jobs/${jobId}`);
      return { jobId, ms: job['end-time'] - job['start-time'] };
    };
    await run(['--lines', String(Math.floor(lines / 5))]); // warm-up
    // Alternate to spread machine noise over both variants; keep the best of two each.
    const without = Math.min((await run([])).ms, (await run([])).ms);
    const a = await run(['--checkpoint', '1000']);
    const b = await run(['--checkpoint', '1000']);
    const withCp = a.ms <= b.ms ? a : b;
    const stats = await cluster.rest<CheckpointHistoryView>(`/jobs/${withCp.jobId}/checkpoints`);
    const done = stats.history.filter((h) => h.status === 'COMPLETED');
    const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
    return {
      withoutMs: without,
      withMs: withCp.ms,
      checkpoints: stats.counts.completed,
      meanDurationMs: mean(done.map((h) => h.end_to_end_duration)),
      maxAlignmentMs: Math.max(0, ...done.map((h) => h.alignment_duration)),
      meanStateBytes: mean(done.map((h) => h.state_size)),
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
