import type { SourceSplit } from '../../api/connector/source';

interface TrackedAssignment {
  subtask: number;
  splits: SourceSplit[];
  /** The last enumerator snapshot taken before this assignment (0: none yet). */
  afterSnapshot: number;
}

/**
 * Which splits an enumerator assigned since the last completed checkpoint (Flink's
 * SplitAssignmentTracker). A checkpoint's reader states hold every split assigned before the
 * enumerator's snapshot of that checkpoint; what was assigned after it is in no reader's
 * restored state, so on a failover those splits go back to the enumerator (addSplitsBack).
 */
export class SplitAssignmentTracker {
  private assignments: TrackedAssignment[] = [];
  private lastSnapshot = 0;
  /** The checkpoint the tracked assignments are relative to: restored readers hold what came before. */
  private baseline: number | null;

  constructor(baseline: number | null) {
    this.baseline = baseline;
    this.lastSnapshot = baseline ?? 0;
  }

  get baselineCheckpoint(): number | null {
    return this.baseline;
  }

  recordAssignment(subtask: number, splits: readonly SourceSplit[]): void {
    if (splits.length > 0) this.assignments.push({ subtask, splits: [...splits], afterSnapshot: this.lastSnapshot });
  }

  onSnapshot(checkpointId: number): void {
    this.lastSnapshot = Math.max(this.lastSnapshot, checkpointId);
  }

  /** A restore point completed: a checkpoint or a stop-with-savepoint's savepoint (failovers never restore other savepoints). */
  onCheckpointComplete(checkpointId: number): void {
    if (this.baseline !== null && checkpointId <= this.baseline) return;
    this.baseline = checkpointId;
    this.assignments = this.assignments.filter((a) => a.afterSnapshot >= checkpointId);
  }

  /** Splits assigned after the baseline checkpoint, by the subtask they went to; forgets them. */
  takeSinceBaseline(): Map<number, SourceSplit[]> {
    const bySubtask = new Map<number, SourceSplit[]>();
    for (const a of this.assignments) bySubtask.set(a.subtask, [...(bySubtask.get(a.subtask) ?? []), ...a.splits]);
    this.assignments = [];
    return bySubtask;
  }

  /** The enumerator was reset to `checkpointId` (or to its initial state: null). */
  reset(checkpointId: number | null): void {
    this.assignments = [];
    this.baseline = checkpointId;
    this.lastSnapshot = Math.max(this.lastSnapshot, checkpointId ?? 0);
  }
}
