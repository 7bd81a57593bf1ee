// Original file: proto/sluice.proto

import type { StateHandleInput as _sluice_v1_StateHandleInput, StateHandle as _sluice_v1_StateHandle } from '../../sluice/v1/StateHandle';
import type { Long } from '@grpc/proto-loader';

/**
 * What a restarted or restored subtask reads its state from.
 */
export interface TaskRestoreInput {
  'checkpointId'?: (number | string | Long);
  /**
   * the checkpoint's or savepoint's metadata
   */
  'externalPath'?: (string);
  'previousParallelism'?: (number);
  'maxParallelism'?: (number);
  /**
   * every subtask of the vertex in that checkpoint
   */
  'handles'?: (_sluice_v1_StateHandleInput)[];
  'isSavepoint'?: (boolean);
}

/**
 * What a restarted or restored subtask reads its state from.
 */
export interface TaskRestore {
  'checkpointId': (number);
  /**
   * the checkpoint's or savepoint's metadata
   */
  'externalPath': (string);
  'previousParallelism': (number);
  'maxParallelism': (number);
  /**
   * every subtask of the vertex in that checkpoint
   */
  'handles': (_sluice_v1_StateHandle)[];
  'isSavepoint': (boolean);
}
