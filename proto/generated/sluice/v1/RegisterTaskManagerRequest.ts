// Original file: proto/sluice.proto

import type { SlotInfoInput as _sluice_v1_SlotInfoInput, SlotInfo as _sluice_v1_SlotInfo } from '../../sluice/v1/SlotInfo';
import type { Long } from '@grpc/proto-loader';

export interface RegisterTaskManagerRequestInput {
  'taskManagerId'?: (string);
  /**
   * host:port of its TaskExecutorGateway
   */
  'rpcAddress'?: (string);
  'slots'?: (_sluice_v1_SlotInfoInput)[];
  'memoryBytes'?: (number | string | Long);
  'cpuCores'?: (number);
  'pid'?: (number);
}

export interface RegisterTaskManagerRequest {
  'taskManagerId': (string);
  /**
   * host:port of its TaskExecutorGateway
   */
  'rpcAddress': (string);
  'slots': (_sluice_v1_SlotInfo)[];
  'memoryBytes': (number);
  'cpuCores': (number);
  'pid': (number);
}
