// Original file: proto/sluice.proto

import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from '../../sluice/v1/TaskRef';
import type { Long } from '@grpc/proto-loader';

export interface CheckpointTriggerInput {
  'task'?: (_sluice_v1_TaskRefInput | null);
  'checkpointId'?: (number | string | Long);
  'timestamp'?: (number | string | Long);
  /**
   * where the subtasks write their state for this checkpoint
   */
  'location'?: (string);
  'isSavepoint'?: (boolean);
  /**
   * Every task's input has ended: tasks finish once this checkpoint completed (sinks committed).
   */
  'finalCheckpoint'?: (boolean);
  /**
   * Stop-with-savepoint: sources stop right after the barrier; tasks finish once it completed
   * (sinks committed up to it), or resume if it was aborted.
   */
  'stop'?: (boolean);
  /**
   * With stop: sources first advance event time to the end (fires every window and timer).
   */
  'drain'?: (boolean);
}

export interface CheckpointTrigger {
  'task': (_sluice_v1_TaskRef | null);
  'checkpointId': (number);
  'timestamp': (number);
  /**
   * where the subtasks write their state for this checkpoint
   */
  'location': (string);
  'isSavepoint': (boolean);
  /**
   * Every task's input has ended: tasks finish once this checkpoint completed (sinks committed).
   */
  'finalCheckpoint': (boolean);
  /**
   * Stop-with-savepoint: sources stop right after the barrier; tasks finish once it completed
   * (sinks committed up to it), or resume if it was aborted.
   */
  'stop': (boolean);
  /**
   * With stop: sources first advance event time to the end (fires every window and timer).
   */
  'drain': (boolean);
}
