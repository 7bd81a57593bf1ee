// Original file: proto/sluice.proto

import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from '../../sluice/v1/TaskRef';

export interface ProfileTaskRequestInput {
  'task'?: (_sluice_v1_TaskRefInput | null);
  'durationMs'?: (number);
  /**
   * 0: the profiler's default (1000)
   */
  'samplingIntervalUs'?: (number);
}

export interface ProfileTaskRequest {
  'task': (_sluice_v1_TaskRef | null);
  'durationMs': (number);
  /**
   * 0: the profiler's default (1000)
   */
  'samplingIntervalUs': (number);
}
