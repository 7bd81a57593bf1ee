// Original file: proto/sluice.proto

import type { InputEdgeDeploymentInput as _sluice_v1_InputEdgeDeploymentInput, InputEdgeDeployment as _sluice_v1_InputEdgeDeployment } from '../../sluice/v1/InputEdgeDeployment';
import type { OutputEdgeDeploymentInput as _sluice_v1_OutputEdgeDeploymentInput, OutputEdgeDeployment as _sluice_v1_OutputEdgeDeployment } from '../../sluice/v1/OutputEdgeDeployment';
import type { TaskRestoreInput as _sluice_v1_TaskRestoreInput, TaskRestore as _sluice_v1_TaskRestore } from '../../sluice/v1/TaskRestore';

export interface TaskDeploymentDescriptorInput {
  'jobId'?: (string);
  /**
   * job-wide execution attempt; channels of older attempts are dropped
   */
  'attempt'?: (number);
  'vertexId'?: (string);
  'subtask'?: (number);
  'parallelism'?: (number);
  'slot'?: (number);
  'inputs'?: (_sluice_v1_InputEdgeDeploymentInput)[];
  'outputs'?: (_sluice_v1_OutputEdgeDeploymentInput)[];
  /**
   * Empty: a fresh start. Several when the task's chain holds operators of several chains of
   * the savepoint (the job's chaining changed).
   */
  'restores'?: (_sluice_v1_TaskRestoreInput)[];
}

export interface TaskDeploymentDescriptor {
  'jobId': (string);
  /**
   * job-wide execution attempt; channels of older attempts are dropped
   */
  'attempt': (number);
  'vertexId': (string);
  'subtask': (number);
  'parallelism': (number);
  'slot': (number);
  'inputs': (_sluice_v1_InputEdgeDeployment)[];
  'outputs': (_sluice_v1_OutputEdgeDeployment)[];
  /**
   * Empty: a fresh start. Several when the task's chain holds operators of several chains of
   * the savepoint (the job's chaining changed).
   */
  'restores': (_sluice_v1_TaskRestore)[];
}
