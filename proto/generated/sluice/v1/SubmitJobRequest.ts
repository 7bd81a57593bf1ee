// Original file: proto/sluice.proto

import type { JobGraphInput as _sluice_v1_JobGraphInput, JobGraph as _sluice_v1_JobGraph } from '../../sluice/v1/JobGraph';
import type { JobArtifactInput as _sluice_v1_JobArtifactInput, JobArtifact as _sluice_v1_JobArtifact } from '../../sluice/v1/JobArtifact';

export interface SubmitJobRequestInput {
  'graph'?: (_sluice_v1_JobGraphInput | null);
  'artifact'?: (_sluice_v1_JobArtifactInput | null);
  'savepointPath'?: (string);
  'allowNonRestoredState'?: (boolean);
}

export interface SubmitJobRequest {
  'graph': (_sluice_v1_JobGraph | null);
  'artifact': (_sluice_v1_JobArtifact | null);
  'savepointPath': (string);
  'allowNonRestoredState': (boolean);
}
