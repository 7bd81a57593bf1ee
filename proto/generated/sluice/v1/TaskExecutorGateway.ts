// Original file: proto/sluice.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AckInput as _sluice_v1_AckInput, Ack as _sluice_v1_Ack } from '../../sluice/v1/Ack';
import type { CheckpointNotificationInput as _sluice_v1_CheckpointNotificationInput, CheckpointNotification as _sluice_v1_CheckpointNotification } from '../../sluice/v1/CheckpointNotification';
import type { CheckpointTriggerInput as _sluice_v1_CheckpointTriggerInput, CheckpointTrigger as _sluice_v1_CheckpointTrigger } from '../../sluice/v1/CheckpointTrigger';
import type { EnumeratorToReaderEventInput as _sluice_v1_EnumeratorToReaderEventInput, EnumeratorToReaderEvent as _sluice_v1_EnumeratorToReaderEvent } from '../../sluice/v1/EnumeratorToReaderEvent';
import type { OutputRequestInput as _sluice_v1_OutputRequestInput, OutputRequest as _sluice_v1_OutputRequest } from '../../sluice/v1/OutputRequest';
import type { OutputResponseInput as _sluice_v1_OutputResponseInput, OutputResponse as _sluice_v1_OutputResponse } from '../../sluice/v1/OutputResponse';
import type { ProfileTaskRequestInput as _sluice_v1_ProfileTaskRequestInput, ProfileTaskRequest as _sluice_v1_ProfileTaskRequest } from '../../sluice/v1/ProfileTaskRequest';
import type { ProfileTaskResponseInput as _sluice_v1_ProfileTaskResponseInput, ProfileTaskResponse as _sluice_v1_ProfileTaskResponse } from '../../sluice/v1/ProfileTaskResponse';
import type { TaskDeploymentDescriptorInput as _sluice_v1_TaskDeploymentDescriptorInput, TaskDeploymentDescriptor as _sluice_v1_TaskDeploymentDescriptor } from '../../sluice/v1/TaskDeploymentDescriptor';
import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from '../../sluice/v1/TaskRef';

/**
 * ---------------------------------------------------------------- JobManager -> TaskManager
 */
export interface TaskExecutorGatewayClient extends grpc.Client {
  CancelTask(argument: _sluice_v1_TaskRefInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_TaskRefInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_TaskRefInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  CancelTask(argument: _sluice_v1_TaskRefInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_TaskRefInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_TaskRefInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_TaskRefInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  cancelTask(argument: _sluice_v1_TaskRefInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  DeployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  DeployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  deployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  deployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  deployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  deployTask(argument: _sluice_v1_TaskDeploymentDescriptorInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  /**
   * The TaskManager's latest log lines or print() output, kept in memory (bounded): the
   * dashboard's Logs and Stdout views.
   */
  GetOutput(argument: _sluice_v1_OutputRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  GetOutput(argument: _sluice_v1_OutputRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  GetOutput(argument: _sluice_v1_OutputRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  GetOutput(argument: _sluice_v1_OutputRequestInput, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  /**
   * The TaskManager's latest log lines or print() output, kept in memory (bounded): the
   * dashboard's Logs and Stdout views.
   */
  getOutput(argument: _sluice_v1_OutputRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  getOutput(argument: _sluice_v1_OutputRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  getOutput(argument: _sluice_v1_OutputRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  getOutput(argument: _sluice_v1_OutputRequestInput, callback: grpc.requestCallback<_sluice_v1_OutputResponse>): grpc.ClientUnaryCall;
  
  /**
   * To every TaskManager running tasks of the job: the checkpoint completed (or was aborted).
   */
  NotifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  NotifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  NotifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  NotifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  /**
   * To every TaskManager running tasks of the job: the checkpoint completed (or was aborted).
   */
  notifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  notifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  notifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  notifyCheckpoint(argument: _sluice_v1_CheckpointNotificationInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  /**
   * Samples the CPU of the slot worker thread running a task (node:inspector's profiler) for
   * duration_ms: the dashboard's flame graph.
   */
  ProfileTask(argument: _sluice_v1_ProfileTaskRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  ProfileTask(argument: _sluice_v1_ProfileTaskRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  ProfileTask(argument: _sluice_v1_ProfileTaskRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  ProfileTask(argument: _sluice_v1_ProfileTaskRequestInput, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  /**
   * Samples the CPU of the slot worker thread running a task (node:inspector's profiler) for
   * duration_ms: the dashboard's flame graph.
   */
  profileTask(argument: _sluice_v1_ProfileTaskRequestInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  profileTask(argument: _sluice_v1_ProfileTaskRequestInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  profileTask(argument: _sluice_v1_ProfileTaskRequestInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  profileTask(argument: _sluice_v1_ProfileTaskRequestInput, callback: grpc.requestCallback<_sluice_v1_ProfileTaskResponse>): grpc.ClientUnaryCall;
  
  /**
   * A split enumerator talks to one of its source readers. Delivered in order per subtask.
   */
  SendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  SendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  /**
   * A split enumerator talks to one of its source readers. Delivered in order per subtask.
   */
  sendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  sendEventToTask(argument: _sluice_v1_EnumeratorToReaderEventInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
  /**
   * To source tasks (they inject barriers), and to tasks whose input has ended.
   */
  TriggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  TriggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  TriggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  TriggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  /**
   * To source tasks (they inject barriers), and to tasks whose input has ended.
   */
  triggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  triggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, metadata: grpc.Metadata, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  triggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, options: grpc.CallOptions, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  triggerCheckpoint(argument: _sluice_v1_CheckpointTriggerInput, callback: grpc.requestCallback<_sluice_v1_Ack>): grpc.ClientUnaryCall;
  
}

/**
 * ---------------------------------------------------------------- JobManager -> TaskManager
 */
export interface TaskExecutorGatewayHandlers extends grpc.UntypedServiceImplementation {
  CancelTask: grpc.handleUnaryCall<_sluice_v1_TaskRef, _sluice_v1_AckInput>;
  
  DeployTask: grpc.handleUnaryCall<_sluice_v1_TaskDeploymentDescriptor, _sluice_v1_AckInput>;
  
  /**
   * The TaskManager's latest log lines or print() output, kept in memory (bounded): the
   * dashboard's Logs and Stdout views.
   */
  GetOutput: grpc.handleUnaryCall<_sluice_v1_OutputRequest, _sluice_v1_OutputResponseInput>;
  
  /**
   * To every TaskManager running tasks of the job: the checkpoint completed (or was aborted).
   */
  NotifyCheckpoint: grpc.handleUnaryCall<_sluice_v1_CheckpointNotification, _sluice_v1_AckInput>;
  
  /**
   * Samples the CPU of the slot worker thread running a task (node:inspector's profiler) for
   * duration_ms: the dashboard's flame graph.
   */
  ProfileTask: grpc.handleUnaryCall<_sluice_v1_ProfileTaskRequest, _sluice_v1_ProfileTaskResponseInput>;
  
  /**
   * A split enumerator talks to one of its source readers. Delivered in order per subtask.
   */
  SendEventToTask: grpc.handleUnaryCall<_sluice_v1_EnumeratorToReaderEvent, _sluice_v1_AckInput>;
  
  /**
   * To source tasks (they inject barriers), and to tasks whose input has ended.
   */
  TriggerCheckpoint: grpc.handleUnaryCall<_sluice_v1_CheckpointTrigger, _sluice_v1_AckInput>;
  
}

export interface TaskExecutorGatewayDefinition extends grpc.ServiceDefinition {
  CancelTask: MethodDefinition<_sluice_v1_TaskRefInput, _sluice_v1_AckInput, _sluice_v1_TaskRef, _sluice_v1_Ack>
  DeployTask: MethodDefinition<_sluice_v1_TaskDeploymentDescriptorInput, _sluice_v1_AckInput, _sluice_v1_TaskDeploymentDescriptor, _sluice_v1_Ack>
  GetOutput: MethodDefinition<_sluice_v1_OutputRequestInput, _sluice_v1_OutputResponseInput, _sluice_v1_OutputRequest, _sluice_v1_OutputResponse>
  NotifyCheckpoint: MethodDefinition<_sluice_v1_CheckpointNotificationInput, _sluice_v1_AckInput, _sluice_v1_CheckpointNotification, _sluice_v1_Ack>
  ProfileTask: MethodDefinition<_sluice_v1_ProfileTaskRequestInput, _sluice_v1_ProfileTaskResponseInput, _sluice_v1_ProfileTaskRequest, _sluice_v1_ProfileTaskResponse>
  SendEventToTask: MethodDefinition<_sluice_v1_EnumeratorToReaderEventInput, _sluice_v1_AckInput, _sluice_v1_EnumeratorToReaderEvent, _sluice_v1_Ack>
  TriggerCheckpoint: MethodDefinition<_sluice_v1_CheckpointTriggerInput, _sluice_v1_AckInput, _sluice_v1_CheckpointTrigger, _sluice_v1_Ack>
}
