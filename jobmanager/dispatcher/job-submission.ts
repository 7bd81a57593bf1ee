import type { JobArtifact, JobGraph, SubmitJobRequest } from '../../proto/messages';
import { present } from '../../proto/present';

/** A submission as the dispatcher takes it: a SubmitJobRequest whose graph and artifact are there. */
export interface JobSubmission {
  graph: JobGraph;
  artifact: JobArtifact;
  /** Empty: a fresh start. */
  savepointPath: string;
  allowNonRestoredState: boolean;
}

/** Checks a received SubmitJobRequest for the parts proto3 lets a sender leave out. */
export function jobSubmissionOf(req: SubmitJobRequest): JobSubmission {
  return {
    graph: present(req.graph, 'job graph (SubmitJobRequest.graph): submit the job with stream-submit'),
    artifact: present(req.artifact, 'job artifact (SubmitJobRequest.artifact): submit the job with stream-submit, which bundles the job file'),
    savepointPath: req.savepointPath,
    allowNonRestoredState: req.allowNonRestoredState,
  };
}
