import type { CheckpointStats, CheckpointStatsEntry } from './checkpoint-stats';
import { emptyCheckpointStats } from './checkpoint-stats';
import type { PendingCheckpoint } from './pending-checkpoint';
import { type CheckpointDetails, checkpointDetailsOf } from './checkpoint-details';

const HISTORY = 20;

/** Keeps the counts, latest entries and a bounded history for `GET /jobs/:jid/checkpoints`. */
export class CheckpointStatsTracker {
  private readonly stats: CheckpointStats = emptyCheckpointStats();
  private readonly inProgress = new Map<number, CheckpointStatsEntry>();
  /** In-progress checkpoints, whose details are read from their acknowledgements so far. */
  private readonly pending = new Map<number, PendingCheckpoint>();
  /** Per-subtask details of the checkpoints in the history, taken when each ended. */
  private readonly finishedDetails = new Map<number, CheckpointDetails>();

  triggered(p: PendingCheckpoint): void {
    this.stats.counts.total++;
    this.stats.counts.in_progress++;
    this.inProgress.set(p.checkpointId, entryOf(p, 'IN_PROGRESS'));
    this.pending.set(p.checkpointId, p);
  }

  acknowledged(p: PendingCheckpoint): void {
    const e = this.inProgress.get(p.checkpointId);
    if (e) Object.assign(e, entryOf(p, 'IN_PROGRESS'));
  }

  completed(p: PendingCheckpoint, externalPath: string, now: number): CheckpointStatsEntry {
    const e = { ...entryOf(p, 'COMPLETED'), external_path: externalPath, end_to_end_duration: now - p.timestamp };
    this.finish(p, e);
    this.stats.counts.completed++;
    if (p.isSavepoint) this.stats.latest.savepoint = e;
    else this.stats.latest.completed = e;
    return e;
  }

  failed(p: PendingCheckpoint, reason: string, now: number): void {
    const e = { ...entryOf(p, 'FAILED'), failure_message: reason, end_to_end_duration: now - p.timestamp };
    this.finish(p, e);
    this.stats.counts.failed++;
    this.stats.latest.failed = e;
  }

  restored(checkpointId: number, externalPath: string, isSavepoint: boolean, now: number): void {
    this.stats.counts.restored++;
    this.stats.latest.restored = { id: checkpointId, restore_timestamp: now, is_savepoint: isSavepoint, external_path: externalPath };
  }

  snapshot(): CheckpointStats {
    return {
      counts: { ...this.stats.counts },
      latest: { ...this.stats.latest },
      history: [...this.inProgress.values(), ...this.stats.history].sort((a, b) => b.id - a.id).slice(0, HISTORY),
    };
  }

  /** Per-subtask details of a checkpoint in the history; undefined for an unknown id. */
  details(checkpointId: number): CheckpointDetails | undefined {
    const pending = this.pending.get(checkpointId);
    const entry = this.inProgress.get(checkpointId);
    if (pending && entry) return checkpointDetailsOf(pending, entry);
    return this.finishedDetails.get(checkpointId);
  }

  private finish(p: PendingCheckpoint, e: CheckpointStatsEntry): void {
    if (this.inProgress.delete(p.checkpointId)) this.stats.counts.in_progress--;
    this.pending.delete(p.checkpointId);
    this.finishedDetails.set(p.checkpointId, checkpointDetailsOf(p, e));
    this.stats.history.unshift(e);
    while (this.stats.history.length > HISTORY) this.finishedDetails.delete(this.stats.history.pop()!.id);
  }
}

function entryOf(p: PendingCheckpoint, status: CheckpointStatsEntry['status']): CheckpointStatsEntry {
  return {
    id: p.checkpointId,
    status,
    is_savepoint: p.isSavepoint,
    trigger_timestamp: p.timestamp,
    latest_ack_timestamp: p.latestAckAt,
    state_size: p.stateSize,
    end_to_end_duration: p.latestAckAt - p.timestamp,
    alignment_duration: p.maxAlignmentMs,
    num_subtasks: p.numSubtasks,
    num_acknowledged_subtasks: p.acks.size,
  };
}
