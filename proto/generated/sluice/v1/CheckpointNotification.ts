// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckpointNotificationInput {
  'jobId'?: (string);
  'attempt'?: (number);
  'checkpointId'?: (number | string | Long);
  /**
   * false: completed (sinks commit); true: abandoned
   */
  'aborted'?: (boolean);
}

export interface CheckpointNotification {
  'jobId': (string);
  'attempt': (number);
  'checkpointId': (number);
  /**
   * false: completed (sinks commit); true: abandoned
   */
  'aborted': (boolean);
}
