// Original file: proto/sluice.proto

import type { JobVertexInput as _sluice_v1_JobVertexInput, JobVertex as _sluice_v1_JobVertex } from '../../sluice/v1/JobVertex';
import type { JobEdgeInput as _sluice_v1_JobEdgeInput, JobEdge as _sluice_v1_JobEdge } from '../../sluice/v1/JobEdge';

export interface JobGraphInput {
  'name'?: (string);
  'vertices'?: (_sluice_v1_JobVertexInput)[];
  'edges'?: (_sluice_v1_JobEdgeInput)[];
  /**
   * job-level configuration (checkpointing, restart strategy, ...)
   */
  'configJson'?: (string);
  /**
   * structural hash: the TaskManager's rebuilt graph must match it
   */
  'hash'?: (string);
}

export interface JobGraph {
  'name': (string);
  'vertices': (_sluice_v1_JobVertex)[];
  'edges': (_sluice_v1_JobEdge)[];
  /**
   * job-level configuration (checkpointing, restart strategy, ...)
   */
  'configJson': (string);
  /**
   * structural hash: the TaskManager's rebuilt graph must match it
   */
  'hash': (string);
}
