// Original file: proto/sluice.proto

import type { Long } from '@grpc/proto-loader';

export interface ProfileTaskResponseInput {
  /**
   * A V8 CPU profile (the .cpuprofile JSON DevTools opens) of the worker thread running the
   * task, which also runs the other subtasks sharing its slot.
   */
  'profileJson'?: (string);
  'slot'?: (number);
  /**
   * epoch ms
   */
  'startTime'?: (number | string | Long);
  'endTime'?: (number | string | Long);
}

export interface ProfileTaskResponse {
  /**
   * A V8 CPU profile (the .cpuprofile JSON DevTools opens) of the worker thread running the
   * task, which also runs the other subtasks sharing its slot.
   */
  'profileJson': (string);
  'slot': (number);
  /**
   * epoch ms
   */
  'startTime': (number);
  'endTime': (number);
}
