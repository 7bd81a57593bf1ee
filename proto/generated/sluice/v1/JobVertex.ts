// Original file: proto/sluice.proto

import type { OperatorDescriptorInput as _sluice_v1_OperatorDescriptorInput, OperatorDescriptor as _sluice_v1_OperatorDescriptor } from '../../sluice/v1/OperatorDescriptor';

export interface JobVertexInput {
  /**
   * 32 hex, derived from the head operator's uid
   */
  'id'?: (string);
  'name'?: (string);
  'parallelism'?: (number);
  'maxParallelism'?: (number);
  /**
   * the chain, head first
   */
  'operators'?: (_sluice_v1_OperatorDescriptorInput)[];
}

export interface JobVertex {
  /**
   * 32 hex, derived from the head operator's uid
   */
  'id': (string);
  'name': (string);
  'parallelism': (number);
  'maxParallelism': (number);
  /**
   * the chain, head first
   */
  'operators': (_sluice_v1_OperatorDescriptor)[];
}
