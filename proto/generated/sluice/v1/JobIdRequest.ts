// Original file: proto/sluice.proto


export interface JobIdRequestInput {
  'jobId'?: (string);
}

export interface JobIdRequest {
  'jobId': (string);
}
