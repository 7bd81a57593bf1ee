// Original file: proto/sluice.proto

import type { JobSummaryInput as _sluice_v1_JobSummaryInput, JobSummary as _sluice_v1_JobSummary } from '../../sluice/v1/JobSummary';

export interface ListJobsResponseInput {
  'jobs'?: (_sluice_v1_JobSummaryInput)[];
}

export interface ListJobsResponse {
  'jobs': (_sluice_v1_JobSummary)[];
}
