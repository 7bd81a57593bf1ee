// Original file: proto/sluice.proto

import type { _sluice_v1_Execution_StateInput, _sluice_v1_Execution_State } from '../../sluice/v1/Execution';
import type { TaskErrorInput as _sluice_v1_TaskErrorInput, TaskError as _sluice_v1_TaskError } from '../../sluice/v1/TaskError';

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
  /**
   * With state FAILED: the failure as structured data (`error` is its one-line summary).
   */
  'errorInfo'?: (_sluice_v1_TaskErrorInput | null);
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
  /**
   * With state FAILED: the failure as structured data (`error` is its one-line summary).
   */
  'errorInfo': (_sluice_v1_TaskError | null);
}
