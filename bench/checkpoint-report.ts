import type { TestCluster } from '../test/harness/cluster';

/** One completed checkpoint of a job run, from the JobManager's REST checkpoint statistics. */
export interface CheckpointSummary {
  id: number;
  /** Trigger time after the run's start (ms). */
  atMs: number;
  stateBytes: number;
  endToEndMs: number;
  /** Longest synchronous part (in the slot thread, processing stopped) of any subtask. */
  maxSyncMs: number;
  /** Longest asynchronous part (storage write) of any subtask. */
  maxAsyncMs: number;
  maxAlignmentMs: number;
}

/** A checkpoint of the run that did not complete, and why (the JobManager's failure message). */
export interface CheckpointNotCompleted {
  id: number;
  atMs: number;
  status: string;
  reason: string;
}

export interface CheckpointReport {
  checkpoints: CheckpointSummary[];
  /** Checkpoints that failed, expired or were aborted: a cost figure over such a run is not the usual one. */
  notCompleted: CheckpointNotCompleted[];
  /**
   * Checkpoints taken while the job ran: every completed one but the last, which a bounded
   * job's end triggers (its sinks commit on it).
   */
  periodic: number;
}

interface HistoryView {
  history: Array<{ id: number; status: string; trigger_timestamp: number; state_size: number; end_to_end_duration: number; failure_message?: string }>;
}

interface DetailsView {
  tasks: Record<string, { subtasks: Array<{ status: string; checkpoint: { sync: number; async: number }; alignment: { duration: number } }> }>;
}

/** The completed checkpoints of a finished job with their subtasks' sync/async/alignment times. */
export async function checkpointReport(cluster: TestCluster, jobId: string, startedAt: number): Promise<CheckpointReport> {
  const stats = await cluster.rest<HistoryView>(`/jobs/${jobId}/checkpoints`);
  const checkpoints: CheckpointSummary[] = [];
  for (const h of stats.history.filter((e) => e.status === 'COMPLETED').sort((a, b) => a.id - b.id)) {
    const details = await cluster.rest<DetailsView>(`/jobs/${jobId}/checkpoints/details/${h.id}`);
    const subtasks = Object.values(details.tasks ?? {}).flatMap((t) => t.subtasks.filter((s) => s.status === 'completed'));
    checkpoints.push({
      id: h.id,
      atMs: h.trigger_timestamp - startedAt,
      stateBytes: h.state_size,
      endToEndMs: h.end_to_end_duration,
      maxSyncMs: Math.max(0, ...subtasks.map((s) => s.checkpoint.sync)),
      maxAsyncMs: Math.max(0, ...subtasks.map((s) => s.checkpoint.async)),
      maxAlignmentMs: Math.max(0, ...subtasks.map((s) => s.alignment.duration)),
    });
  }
  const notCompleted = stats.history
    .filter((e) => e.status !== 'COMPLETED')
    .sort((a, b) => a.id - b.id)
    .map((e) => ({ id: e.id, atMs: e.trigger_timestamp - startedAt, status: e.status, reason: e.failure_message ?? '' }));
  return { checkpoints, notCompleted, periodic: Math.max(0, checkpoints.length - 1) };
}

/** "#5 FAILED: why" for a checkpoint that did not complete. */
export function describeNotCompleted(c: CheckpointNotCompleted): string {
  return `#${c.id} ${c.status}: ${c.reason}`;
}

/** One line per checkpoint: when, how big, and where its time went; then any that did not complete, and why. */
export function formatCheckpoints(report: CheckpointReport, indent = '      '): string {
  const others = report.notCompleted.map((c) => `${indent}${describeNotCompleted(c)} (triggered at ${(c.atMs / 1000).toFixed(1)} s)`);
  const completed = report.checkpoints
    .map((c, i) => {
      const kind = i === report.checkpoints.length - 1 ? 'final' : 'periodic';
      const mb = (c.stateBytes / 1024 / 1024).toFixed(1);
      return `${indent}#${c.id} ${kind.padEnd(8)} at ${(c.atMs / 1000).toFixed(1).padStart(5)} s  ${mb.padStart(6)} MiB  end-to-end ${String(c.endToEndMs).padStart(5)} ms  max sync ${String(c.maxSyncMs).padStart(4)} ms  max async ${String(c.maxAsyncMs).padStart(4)} ms  max alignment ${String(c.maxAlignmentMs).padStart(4)} ms`;
    });
  return [...completed, ...others].join('\n');
}
