// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckpointDeclineInput {
  'jobId'?: (string);
  'attempt'?: (number);
  'vertexId'?: (string);
  'subtask'?: (number);
  'checkpointId'?: (number | string | Long);
  'reason'?: (string);
}

export interface CheckpointDecline {
  'jobId': (string);
  'attempt': (number);
  'vertexId': (string);
  'subtask': (number);
  'checkpointId': (number);
  'reason': (string);
}
