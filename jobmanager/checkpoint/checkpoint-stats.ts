/** Checkpoint statistics of a job, in Flink's REST shape (`GET /jobs/:jid/checkpoints`). */

export type CheckpointStatus = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface CheckpointStatsEntry {
  id: number;
  status: CheckpointStatus;
  is_savepoint: boolean;
  trigger_timestamp: number;
  latest_ack_timestamp: number;
  /** Bytes of state written by all subtasks. */
  state_size: number;
  end_to_end_duration: number;
  /** Longest barrier alignment of any subtask (ms). */
  alignment_duration: number;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  /** Where the checkpoint's metadata lives (file path or redis key URI); completed only. */
  external_path?: string;
  failure_message?: string;
}

export interface CheckpointStats {
  counts: { restored: number; total: number; in_progress: number; completed: number; failed: number };
  latest: {
    completed: CheckpointStatsEntry | null;
    savepoint: CheckpointStatsEntry | null;
    failed: CheckpointStatsEntry | null;
    restored: { id: number; restore_timestamp: number; is_savepoint: boolean; external_path: string } | null;
  };
  /** Newest first, bounded. */
  history: CheckpointStatsEntry[];
}

export function emptyCheckpointStats(): CheckpointStats {
  return {
    counts: { restored: 0, total: 0, in_progress: 0, completed: 0, failed: 0 },
    latest: { completed: null, savepoint: null, failed: null, restored: null },
    history: [],
  };
}
