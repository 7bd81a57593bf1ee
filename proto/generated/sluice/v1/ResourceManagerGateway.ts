// Original file: proto/sluice.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AckInput as _sluice_v1_AckInput, Ack as _sluice_v1_Ack } from '../../sluice/v1/Ack';
import type { CheckpointAckInput as _sluice_v1_CheckpointAckInput, CheckpointAck as _sluice_v1_CheckpointAck } from '../../sluice/v1/CheckpointAck';
import type { CheckpointDeclineInput as _sluice_v1_CheckpointDeclineInput, CheckpointDecline as _sluice_v1_CheckpointDecline } from '../../sluice/v1/CheckpointDecline';
import type { ConnectEventInput as _sluice_v1_ConnectEventInput, ConnectEvent as _sluice_v1_ConnectEvent } from '../../sluice/v1/ConnectEvent';
import type { ConnectRequestInput as _sluice_v1_ConnectRequestInput, ConnectRequest as _sluice_v1_ConnectRequest } from '../../sluice/v1/ConnectRequest';
import type { HeartbeatRequestInput as _sluice_v1_HeartbeatRequestInput, HeartbeatRequest as _sluice_v1_HeartbeatRequest } from '../../sluice/v1/HeartbeatRequest';
import type { HeartbeatResponseInput as _sluice_v1_HeartbeatResponseInput, HeartbeatResponse as _sluice_v1_HeartbeatResponse } from '../../sluice/v1/HeartbeatResponse';
import type { JobDeploymentInfoInput as _sluice_v1_JobDeploymentInfoInput, JobDeploymentInfo as _sluice_v1_JobDeploymentInfo } from '../../sluice/v1/JobDeploymentInfo';
import type { JobIdRequestInput as _sluice_v1_JobIdRequestInput, JobIdRequest as _sluice_v1_JobIdRequest } from '../../sluice/v1/JobIdRequest';
import type { ReaderToEnumeratorEventInput as _sluice_v1_ReaderToEnumeratorEventInput, ReaderToEnumeratorEvent as _sluice_v1_ReaderToEnumeratorEvent } from '../../sluice/v1/ReaderToEnumeratorEvent';
import type { RegisterTaskManagerRequestInput as _sluice_v1_RegisterTaskManagerRequestInput, RegisterTaskManagerRequest as _sluice_v1_RegisterTaskManagerRequest } from '../../sluice/v1/RegisterTaskManagerRequest';
import type { RegisterTaskManagerResponseInput as _sluice_v1_RegisterTaskManagerResponseInput, RegisterTaskManagerResponse as _sluice_v1_RegisterTaskManagerResponse } from '../../sluice/v1/RegisterTaskManagerResponse';
import type { TaskExecutionStateInput as _sluice_v1_TaskExecutionStateInput, TaskExecutionState as _sluice_v1_TaskExecutionState } from '../../sluice/v1/TaskExecutionState';

/**
 * ---------------------------------------------------------------- TaskManager -> JobManager
 */
export interface ResourceManagerGatewayClient extends grpc.Client {
  AcknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  AcknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  AcknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  AcknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  acknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  acknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  acknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  acknowledgeCheckpoint(argument: _sluice_v1_CheckpointAckInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  /**
   * Held open for the TaskManager's lifetime: when it ends, either side knows at once that
   * the other is gone (no need to wait for a heartbeat timeout).
   */
  Connect(argument: _sluice_v1_ConnectRequestInput, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_ConnectEvent>;
  Connect(argument: _sluice_v1_ConnectRequestInput, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_ConnectEvent>;
  /**
   * Held open for the TaskManager's lifetime: when it ends, either side knows at once that
   * the other is gone (no need to wait for a heartbeat timeout).
   */
  connect(argument: _sluice_v1_ConnectRequestInput, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_ConnectEvent>;
  connect(argument: _sluice_v1_ConnectRequestInput, options?: grpc.CallOptions): grpc.ClientReadableStream<_sluice_v1_ConnectEvent>;
  
  DeclineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeclineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeclineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeclineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  declineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  declineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  declineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  declineCheckpoint(argument: _sluice_v1_CheckpointDeclineInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  GetJobArtifact(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  GetJobArtifact(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  GetJobArtifact(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  GetJobArtifact(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  getJobArtifact(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  getJobArtifact(argument: _sluice_v1_JobIdRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  getJobArtifact(argument: _sluice_v1_JobIdRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  getJobArtifact(argument: _sluice_v1_JobIdRequestInput, callback: grpc.requestCallback<_sluice_v1_JobDeploymentInfo>): grpc.ClientUnaryCall;
  
  Heartbeat(argument: _sluice_v1_HeartbeatRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  Heartbeat(argument: _sluice_v1_HeartbeatRequestInput, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  heartbeat(argument: _sluice_v1_HeartbeatRequestInput, callback: grpc.requestCallback<_sluice_v1_HeartbeatResponse>): grpc.ClientUnaryCall;
  
  RegisterTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  RegisterTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  RegisterTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  RegisterTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  registerTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  registerTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  registerTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  registerTaskManager(argument: _sluice_v1_RegisterTaskManagerRequestInput, callback: grpc.requestCallback<_sluice_v1_RegisterTaskManagerResponse>): grpc.ClientUnaryCall;
  
  /**
   * A source reader talks to its split enumerator (the source's coordinator in the JobManager).
   */
  SendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  /**
   * A source reader talks to its split enumerator (the source's coordinator in the JobManager).
   */
  sendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToCoordinator(argument: _sluice_v1_ReaderToEnumeratorEventInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  UpdateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  UpdateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  UpdateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  UpdateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  updateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  updateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  updateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  updateTaskExecutionState(argument: _sluice_v1_TaskExecutionStateInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
}

/**
 * ---------------------------------------------------------------- TaskManager -> JobManager
 */
export interface ResourceManagerGatewayHandlers extends grpc.UntypedServiceImplementation {
  AcknowledgeCheckpoint: grpc.handleUnaryCall<_sluice_v1_CheckpointAck, _sluice_v1_AckInput>;
  
  /**
   * Held open for the TaskManager's lifetime: when it ends, either side knows at once that
   * the other is gone (no need to wait for a heartbeat timeout).
   */
  Connect: grpc.handleServerStreamingCall<_sluice_v1_ConnectRequest, _sluice_v1_ConnectEventInput>;
  
  DeclineCheckpoint: grpc.handleUnaryCall<_sluice_v1_CheckpointDecline, _sluice_v1_AckInput>;
  
  GetJobArtifact: grpc.handleUnaryCall<_sluice_v1_JobIdRequest, _sluice_v1_JobDeploymentInfoInput>;
  
  Heartbeat: grpc.handleUnaryCall<_sluice_v1_HeartbeatRequest, _sluice_v1_HeartbeatResponseInput>;
  
  RegisterTaskManager: grpc.handleUnaryCall<_sluice_v1_RegisterTaskManagerRequest, _sluice_v1_RegisterTaskManagerResponseInput>;
  
  /**
   * A source reader talks to its split enumerator (the source's coordinator in the JobManager).
   */
  SendEventToCoordinator: grpc.handleUnaryCall<_sluice_v1_ReaderToEnumeratorEvent, _sluice_v1_AckInput>;
  
  UpdateTaskExecutionState: grpc.handleUnaryCall<_sluice_v1_TaskExecutionState, _sluice_v1_AckInput>;
  
}

export interface ResourceManagerGatewayDefinition extends grpc.ServiceDefinition {
  AcknowledgeCheckpoint: MethodDefinition<_sluice_v1_CheckpointAckInput, _sluice_v1_AckInput, _sluice_v1_CheckpointAck, _sluice_v1_Ack>
  Connect: MethodDefinition<_sluice_v1_ConnectRequestInput, _sluice_v1_ConnectEventInput, _sluice_v1_ConnectRequest, _sluice_v1_ConnectEvent>
  DeclineCheckpoint: MethodDefinition<_sluice_v1_CheckpointDeclineInput, _sluice_v1_AckInput, _sluice_v1_CheckpointDecline, _sluice_v1_Ack>
  GetJobArtifact: MethodDefinition<_sluice_v1_JobIdRequestInput, _sluice_v1_JobDeploymentInfoInput, _sluice_v1_JobIdRequest, _sluice_v1_JobDeploymentInfo>
  Heartbeat: MethodDefinition<_sluice_v1_HeartbeatRequestInput, _sluice_v1_HeartbeatResponseInput, _sluice_v1_HeartbeatRequest, _sluice_v1_HeartbeatResponse>
  RegisterTaskManager: MethodDefinition<_sluice_v1_RegisterTaskManagerRequestInput, _sluice_v1_RegisterTaskManagerResponseInput, _sluice_v1_RegisterTaskManagerRequest, _sluice_v1_RegisterTaskManagerResponse>
  SendEventToCoordinator: MethodDefinition<_sluice_v1_ReaderToEnumeratorEventInput, _sluice_v1_AckInput, _sluice_v1_ReaderToEnumeratorEvent, _sluice_v1_Ack>
  UpdateTaskExecutionState: MethodDefinition<_sluice_v1_TaskExecutionStateInput, _sluice_v1_AckInput, _sluice_v1_TaskExecutionState, _sluice_v1_Ack>
}
