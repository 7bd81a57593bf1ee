// Original file: proto/sluice.proto


export interface ListJobsRequestInput {
}

export interface ListJobsRequest {
}
