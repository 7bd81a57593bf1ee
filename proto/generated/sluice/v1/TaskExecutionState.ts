// Original file: proto/sluice.proto

import type { _sluice_v1_Execution_StateInput, _sluice_v1_Execution_State } from '../../sluice/v1/Execution';

export interface TaskExecutionStateInput {
  'taskManagerId'?: (string);
  'jobId'?: (string);
  'attempt'?: (number);
  'vertexId'?: (string);
  'subtask'?: (number);
  /**
   * DEPLOYING | RUNNING | FINISHED | CANCELED | FAILED
   */
  'state'?: (_sluice_v1_Execution_StateInput);
  'error'?: (string);
  /**
   * With state RUNNING: all input ended and was flushed downstream; with checkpointing on, the
   * task now waits for a final checkpoint to complete (sinks commit) before it finishes.
   */
  'endOfData'?: (boolean);
}

export interface TaskExecutionState {
  'taskManagerId': (string);
  'jobId': (string);
  'attempt': (number);
  'vertexId': (string);
  'subtask': (number);
  /**
   * DEPLOYING | RUNNING | FINISHED | CANCELED | FAILED
   */
  'state': (_sluice_v1_Execution_State);
  'error': (string);
  /**
   * With state RUNNING: all input ended and was flushed downstream; with checkpointing on, the
   * task now waits for a final checkpoint to complete (sinks commit) before it finishes.
   */
  'endOfData': (boolean);
}
