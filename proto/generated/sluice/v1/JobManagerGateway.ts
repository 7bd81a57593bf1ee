// Original file: proto/sluice.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { JobIdRequestInput as _sluice_v1_JobIdRequestInput, JobIdRequest as _sluice_v1_JobIdRequest } from '../../sluice/v1/JobIdRequest';
import type { JobStatusInput as _sluice_v1_JobStatusInput, JobStatus as _sluice_v1_JobStatus } from '../../sluice/v1/JobStatus';
import type { ListJobsRequestInput as _sluice_v1_ListJobsRequestInput, ListJobsRequest as _sluice_v1_ListJobsRequest } from '../../sluice/v1/ListJobsRequest';
import type { ListJobsResponseInput as _sluice_v1_ListJobsResponseInput, ListJobsResponse as _sluice_v1_ListJobsResponse } from '../../sluice/v1/ListJobsResponse';
import type { SavepointRequestInput as _sluice_v1_SavepointRequestInput, SavepointRequest as _sluice_v1_SavepointRequest } from '../../sluice/v1/SavepointRequest';
import type { SavepointResponseInput as _sluice_v1_SavepointResponseInput, SavepointResponse as _sluice_v1_SavepointResponse } from '../../sluice/v1/SavepointResponse';
import type { SubmitJobRequestInput as _sluice_v1_SubmitJobRequestInput, SubmitJobRequest as _sluice_v1_SubmitJobRequest } from '../../sluice/v1/SubmitJobRequest';
import type { SubmitJobResponseInput as _sluice_v1_SubmitJobResponseInput, SubmitJobResponse as _sluice_v1_SubmitJobResponse } from '../../sluice/v1/SubmitJobResponse';

/**
 * ---------------------------------------------------------------- client -> JobManager
 */
export interface JobManagerGatewayClient extends grpc.Client {
  CancelJob(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  CancelJob(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  cancelJob(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  
  GetJobStatus(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  GetJobStatus(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  GetJobStatus(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  GetJobStatus(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  getJobStatus(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  getJobStatus(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  getJobStatus(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  getJobStatus(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobStatus>): grpc.ClientUnaryCall;
  
  ListJobs(argument: _sluice_v1_ListJobsRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  ListJobs(argument: _sluice_v1_ListJobsRequestInput, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  listJobs(argument: _sluice_v1_ListJobsRequestInput, callback: grpc.requestCallback<_sluice_v1_ListJobsResponse>): grpc.ClientUnaryCall;
  
  StopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  StopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  StopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  StopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  stopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  stopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  stopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  stopWithSavepoint(argument: _sluice_v1_SavepointRequestInput, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  
  SubmitJob(argument: _sluice_v1_SubmitJobRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  SubmitJob(argument: _sluice_v1_SubmitJobRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  SubmitJob(argument: _sluice_v1_SubmitJobRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  SubmitJob(argument: _sluice_v1_SubmitJobRequestInput, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  submitJob(argument: _sluice_v1_SubmitJobRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  submitJob(argument: _sluice_v1_SubmitJobRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  submitJob(argument: _sluice_v1_SubmitJobRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  submitJob(argument: _sluice_v1_SubmitJobRequestInput, callback: grpc.requestCallback<_sluice_v1_SubmitJobResponse>): grpc.ClientUnaryCall;
  
  /**
   * Both answer once the savepoint is complete.
   */
  TriggerSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  TriggerSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  TriggerSavepoint(argument: _sluice_v1_SavepointRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  TriggerSavepoint(argument: _sluice_v1_SavepointRequestInput, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  /**
   * Both answer once the savepoint is complete.
   */
  triggerSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  triggerSavepoint(argument: _sluice_v1_SavepointRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  triggerSavepoint(argument: _sluice_v1_SavepointRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  triggerSavepoint(argument: _sluice_v1_SavepointRequestInput, callback: grpc.requestCallback<_sluice_v1_SavepointResponse>): grpc.ClientUnaryCall;
  
}

/**
 * ---------------------------------------------------------------- client -> JobManager
 */
export interface JobManagerGatewayHandlers extends grpc.UntypedServiceImplementation {
  CancelJob: grpc.handleUnaryCall<_sluice_v1_JobIdRequest, _sluice_v1_JobStatusInput>;
  
  GetJobStatus: grpc.handleUnaryCall<_sluice_v1_JobIdRequest, _sluice_v1_JobStatusInput>;
  
  ListJobs: grpc.handleUnaryCall<_sluice_v1_ListJobsRequest, _sluice_v1_ListJobsResponseInput>;
  
  StopWithSavepoint: grpc.handleUnaryCall<_sluice_v1_SavepointRequest, _sluice_v1_SavepointResponseInput>;
  
  SubmitJob: grpc.handleUnaryCall<_sluice_v1_SubmitJobRequest, _sluice_v1_SubmitJobResponseInput>;
  
  /**
   * Both answer once the savepoint is complete.
   */
  TriggerSavepoint: grpc.handleUnaryCall<_sluice_v1_SavepointRequest, _sluice_v1_SavepointResponseInput>;
  
}

export interface JobManagerGatewayDefinition extends grpc.ServiceDefinition {
  CancelJob: MethodDefinition<_sluice_v1_JobIdRequestInput, _sluice_v1_JobStatusInput, _sluice_v1_JobIdRequest, _sluice_v1_JobStatus>
  GetJobStatus: MethodDefinition<_sluice_v1_JobIdRequestInput, _sluice_v1_JobStatusInput, _sluice_v1_JobIdRequest, _sluice_v1_JobStatus>
  ListJobs: MethodDefinition<_sluice_v1_ListJobsRequestInput, _sluice_v1_ListJobsResponseInput, _sluice_v1_ListJobsRequest, _sluice_v1_ListJobsResponse>
  StopWithSavepoint: MethodDefinition<_sluice_v1_SavepointRequestInput, _sluice_v1_SavepointResponseInput, _sluice_v1_SavepointRequest, _sluice_v1_SavepointResponse>
  SubmitJob: MethodDefinition<_sluice_v1_SubmitJobRequestInput, _sluice_v1_SubmitJobResponseInput, _sluice_v1_SubmitJobRequest, _sluice_v1_SubmitJobResponse>
  TriggerSavepoint: MethodDefinition<_sluice_v1_SavepointRequestInput, _sluice_v1_SavepointResponseInput, _sluice_v1_SavepointRequest, _sluice_v1_SavepointResponse>
}
