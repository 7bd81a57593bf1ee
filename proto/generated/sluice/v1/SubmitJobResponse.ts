// Original file: proto/sluice.proto


export interface SubmitJobResponseInput {
  'jobId'?: (string);
}

export interface SubmitJobResponse {
  'jobId': (string);
}
