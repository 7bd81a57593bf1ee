import type { CheckpointMetadata } from '../../common/checkpoint/checkpoint-metadata';

/** A checkpoint whose every subtask state and metadata are written: restorable. */
export interface CompletedCheckpoint {
  readonly checkpointId: number;
  readonly timestamp: number;
  readonly completedAt: number;
  readonly isSavepoint: boolean;
  /** The metadata location (`.../chk-<n>/_metadata`). */
  readonly externalPath: string;
  /** The checkpoint's directory, discarded when it is no longer retained. */
  readonly location: string;
  readonly stateSize: number;
  /** Undefined for a checkpoint known only by its pointer (recovered from the HA store). */
  readonly metadata?: CheckpointMetadata;
}
