import type { CheckpointDetails } from './checkpoint-details';
import type { CheckpointStats } from './checkpoint-stats';

export interface SavepointRequest {
  /** Where to write the savepoint; the cluster's default savepoint directory when undefined. */
  targetDirectory?: string;
  /** Cancel the job once the savepoint completed (`cancel-job`). */
  cancelJob?: boolean;
  /** Stop-with-savepoint: sources stop, sinks commit up to the savepoint, the job ends FINISHED. */
  stop?: boolean;
  /** With stop: advance event time to the end first (`--drain`). */
  drain?: boolean;
}

/**
 * What REST and the client gateway ask of checkpointing. Errors are SluiceErrors: an unknown
 * job is JOB_NOT_FOUND, a job that cannot take a savepoint now is ILLEGAL_STATE.
 */
export interface CheckpointingGateway {
  checkpointStats(jobId: string): CheckpointStats;
  /** Per-subtask details of one checkpoint of the statistics' history; undefined if it is not there. */
  checkpointDetails(jobId: string, checkpointId: number): CheckpointDetails | undefined;
  /** Resolves with the savepoint's path once it is complete. */
  triggerSavepoint(jobId: string, request: SavepointRequest): Promise<string>;
}
