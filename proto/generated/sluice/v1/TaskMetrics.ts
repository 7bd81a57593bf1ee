// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

export interface TaskMetricsInput {
  'jobId'?: (string);
  'vertexId'?: (string);
  'subtask'?: (number);
  'recordsIn'?: (number | string | Long);
  'recordsOut'?: (number | string | Long);
  'bytesIn'?: (number | string | Long);
  'bytesOut'?: (number | string | Long);
  'busyMs'?: (number | string | Long);
  'backpressuredMs'?: (number | string | Long);
  /**
   * event time of the task's input (min over channels); Long.MIN-like -2^53 when none
   */
  'currentWatermark'?: (number | string | Long);
  'attempt'?: (number);
  /**
   * every input is idle: the watermark holds until one is active
   */
  'watermarkIdle'?: (boolean);
}

export interface TaskMetrics {
  'jobId': (string);
  'vertexId': (string);
  'subtask': (number);
  'recordsIn': (number);
  'recordsOut': (number);
  'bytesIn': (number);
  'bytesOut': (number);
  'busyMs': (number);
  'backpressuredMs': (number);
  /**
   * event time of the task's input (min over channels); Long.MIN-like -2^53 when none
   */
  'currentWatermark': (number);
  'attempt': (number);
  /**
   * every input is idle: the watermark holds until one is active
   */
  'watermarkIdle': (boolean);
}
