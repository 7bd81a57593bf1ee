// Original file: proto/sluice.proto

import type { StateHandleInput as _sluice_v1_StateHandleInput, StateHandle as _sluice_v1_StateHandle } from '../../sluice/v1/StateHandle';
import type { Long } from '@grpc/proto-loader';

export interface CheckpointAckInput {
  'jobId'?: (string);
  'attempt'?: (number);
  'vertexId'?: (string);
  'subtask'?: (number);
  'checkpointId'?: (number | string | Long);
  'handle'?: (_sluice_v1_StateHandleInput | null);
  /**
   * barrier alignment time
   */
  'alignmentMs'?: (number | string | Long);
  /**
   * synchronous part (snapshot copy)
   */
  'syncMs'?: (number | string | Long);
  /**
   * asynchronous part (write to storage)
   */
  'asyncMs'?: (number | string | Long);
}

export interface CheckpointAck {
  'jobId': (string);
  'attempt': (number);
  'vertexId': (string);
  'subtask': (number);
  'checkpointId': (number);
  'handle': (_sluice_v1_StateHandle | null);
  /**
   * barrier alignment time
   */
  'alignmentMs': (number);
  /**
   * synchronous part (snapshot copy)
   */
  'syncMs': (number);
  /**
   * asynchronous part (write to storage)
   */
  'asyncMs': (number);
}
