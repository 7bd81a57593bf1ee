// Original file: proto/sluice.proto

import type { JobSummaryInput as _sluice_v1_JobSummaryInput, JobSummary as _sluice_v1_JobSummary } from '../../sluice/v1/JobSummary';
import type { VertexStatusInput as _sluice_v1_VertexStatusInput, VertexStatus as _sluice_v1_VertexStatus } from '../../sluice/v1/VertexStatus';

export interface JobStatusInput {
  'job'?: (_sluice_v1_JobSummaryInput | null);
  'vertices'?: (_sluice_v1_VertexStatusInput)[];
}

export interface JobStatus {
  'job': (_sluice_v1_JobSummary | null);
  'vertices': (_sluice_v1_VertexStatus)[];
}
