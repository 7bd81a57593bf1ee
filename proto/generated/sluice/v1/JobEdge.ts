// Original file: proto/sluice.proto

import type { PartitionerInput as _sluice_v1_PartitionerInput, Partitioner as _sluice_v1_Partitioner } from '../../sluice/v1/Partitioner';

export interface JobEdgeInput {
  'id'?: (string);
  /**
   * vertex id
   */
  'source'?: (string);
  /**
   * vertex id
   */
  'target'?: (string);
  'partitioner'?: (_sluice_v1_PartitionerInput);
  /**
   * set for hash only: the transformation holding the key selector
   */
  'keySelectorId'?: (number);
  /**
   * 0 for one-input operators; 0 or 1 for two-input ones
   */
  'targetInput'?: (number);
  /**
   * the operator of the target chain this edge feeds
   */
  'targetOperatorId'?: (number);
  /**
   * non-empty: the edge carries only that side output of its source operator
   */
  'sideOutputTag'?: (string);
  /**
   * the operator of the source chain that emits into this edge (absent: its last)
   */
  'sourceOperatorId'?: (number);
  '_keySelectorId'?: "keySelectorId";
  '_sourceOperatorId'?: "sourceOperatorId";
}

export interface JobEdge {
  'id': (string);
  /**
   * vertex id
   */
  'source': (string);
  /**
   * vertex id
   */
  'target': (string);
  'partitioner': (_sluice_v1_Partitioner);
  /**
   * set for hash only: the transformation holding the key selector
   */
  'keySelectorId'?: (number);
  /**
   * 0 for one-input operators; 0 or 1 for two-input ones
   */
  'targetInput': (number);
  /**
   * the operator of the target chain this edge feeds
   */
  'targetOperatorId': (number);
  /**
   * non-empty: the edge carries only that side output of its source operator
   */
  'sideOutputTag': (string);
  /**
   * the operator of the source chain that emits into this edge (absent: its last)
   */
  'sourceOperatorId'?: (number);
}
