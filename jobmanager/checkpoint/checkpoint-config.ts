import type { CheckpointConfig as JobCheckpointConfig, CheckpointingMode } from '../../common/job-config';
import { normalizeLocation } from '../../common/checkpoint/storage-backend';
import { InvalidArgumentError } from '../../common/errors';

/** A job's checkpointing settings, normalized with Flink's defaults. */
export interface CheckpointSettings {
  /** 0: no periodic checkpoints (savepoints only). */
  intervalMs: number;
  mode: CheckpointingMode;
  /** @default 600_000 (Flink: 10 min) */
  timeoutMs: number;
  /** @default 0 */
  minPauseMs: number;
  /** @default 1 */
  maxConcurrent: number;
  /** Consecutive failed checkpoints tolerated before the job fails over. @default 0 (Flink) */
  tolerableFailures: number;
  /** Completed checkpoints kept. @default 1 (Flink's state.checkpoints.num-retained) */
  retained: number;
  /** Root location of this job's checkpoints (file:// or redis://). */
  storage: string;
}

/**
 * Every job gets settings, so savepoints work without periodic checkpoints; `intervalMs` 0
 * means no periodic checkpoints (the job did not call enableCheckpointing).
 */
/** The cluster's defaults (JobManager config); a job's own settings win. */
export interface ClusterCheckpointDefaults {
  timeoutMs: number;
  minPauseMs: number;
  maxConcurrent: number;
  tolerableFailures: number;
  retained: number;
}

export const FLINK_CHECKPOINT_DEFAULTS: ClusterCheckpointDefaults = { timeoutMs: 600_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1 };

export function checkpointSettings(job: JobCheckpointConfig | undefined, clusterStorage: string, cluster: ClusterCheckpointDefaults = FLINK_CHECKPOINT_DEFAULTS): CheckpointSettings {
  if (!job) job = { intervalMs: 0, mode: 'exactly-once' };
  const int = (name: string, v: number | undefined, dflt: number, min: number) => {
    const n = v ?? dflt;
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`checkpoint ${name} must be an integer >= ${min}, got ${v}`);
    return n;
  };
  return {
    intervalMs: job.intervalMs === 0 ? 0 : int('interval', job.intervalMs, 0, 10),
    mode: job.mode === 'at-least-once' ? 'at-least-once' : 'exactly-once',
    timeoutMs: int('timeout', job.timeoutMs, cluster.timeoutMs, 1),
    minPauseMs: int('minimum pause', job.minPauseMs, cluster.minPauseMs, 0),
    maxConcurrent: int('maximum concurrent checkpoints', job.maxConcurrent, cluster.maxConcurrent, 1),
    tolerableFailures: int('tolerable failures', job.tolerableFailures, cluster.tolerableFailures, 0),
    retained: int('retained checkpoints', job.retained, cluster.retained, 1),
    storage: normalizeLocation(job.storage ?? clusterStorage),
  };
}
