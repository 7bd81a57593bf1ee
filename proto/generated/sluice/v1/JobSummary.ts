// Original file: proto/sluice.proto

import type { _sluice_v1_Job_StateInput, _sluice_v1_Job_State } from '../../sluice/v1/Job';
import type { Long } from '@grpc/proto-loader';

export interface JobSummaryInput {
  'jobId'?: (string);
  'name'?: (string);
  'state'?: (_sluice_v1_Job_StateInput);
  'startTime'?: (number | string | Long);
  /**
   * set once terminal
   */
  'endTime'?: (number | string | Long);
  'failureCause'?: (string);
  /**
   * Once FAILED: the root exception with its stack, as GET /jobs/:jid/exceptions' root-exception.
   */
  'failureStack'?: (string);
  '_endTime'?: "endTime";
}

export interface JobSummary {
  'jobId': (string);
  'name': (string);
  'state': (_sluice_v1_Job_State);
  'startTime': (number);
  /**
   * set once terminal
   */
  'endTime'?: (number);
  'failureCause': (string);
  /**
   * Once FAILED: the root exception with its stack, as GET /jobs/:jid/exceptions' root-exception.
   */
  'failureStack': (string);
}
