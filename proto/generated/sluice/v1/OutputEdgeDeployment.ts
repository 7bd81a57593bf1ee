// Original file: proto/sluice.proto

import type { PartitionerInput as _sluice_v1_PartitionerInput, Partitioner as _sluice_v1_Partitioner } from '../../sluice/v1/Partitioner';
import type { ChannelTargetInput as _sluice_v1_ChannelTargetInput, ChannelTarget as _sluice_v1_ChannelTarget } from '../../sluice/v1/ChannelTarget';

export interface OutputEdgeDeploymentInput {
  'edgeId'?: (string);
  'partitioner'?: (_sluice_v1_PartitionerInput);
  'targetVertex'?: (string);
  /**
   * set for hash only
   */
  'keySelectorId'?: (number);
  /**
   * of the consumer, for hash partitioning by key group
   */
  'maxParallelism'?: (number);
  'consumers'?: (_sluice_v1_ChannelTargetInput)[];
  /**
   * non-empty: only records emitted to this side output
   */
  'sideOutputTag'?: (string);
  '_keySelectorId'?: "keySelectorId";
}

export interface OutputEdgeDeployment {
  'edgeId': (string);
  'partitioner': (_sluice_v1_Partitioner);
  'targetVertex': (string);
  /**
   * set for hash only
   */
  'keySelectorId'?: (number);
  /**
   * of the consumer, for hash partitioning by key group
   */
  'maxParallelism': (number);
  'consumers': (_sluice_v1_ChannelTarget)[];
  /**
   * non-empty: only records emitted to this side output
   */
  'sideOutputTag': (string);
}
