// Original file: proto/sluice.proto

import type { TaskMetricsInput as _sluice_v1_TaskMetricsInput, TaskMetrics as _sluice_v1_TaskMetrics } from '../../sluice/v1/TaskMetrics';

export interface HeartbeatRequestInput {
  'taskManagerId'?: (string);
  'metrics'?: (_sluice_v1_TaskMetricsInput)[];
}

export interface HeartbeatRequest {
  'taskManagerId': (string);
  'metrics': (_sluice_v1_TaskMetrics)[];
}
