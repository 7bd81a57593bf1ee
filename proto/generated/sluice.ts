import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AckInput as _sluice_v1_AckInput, Ack as _sluice_v1_Ack } from './sluice/v1/Ack';
import type { ChannelTargetInput as _sluice_v1_ChannelTargetInput, ChannelTarget as _sluice_v1_ChannelTarget } from './sluice/v1/ChannelTarget';
import type { CheckpointAckInput as _sluice_v1_CheckpointAckInput, CheckpointAck as _sluice_v1_CheckpointAck } from './sluice/v1/CheckpointAck';
import type { CheckpointDeclineInput as _sluice_v1_CheckpointDeclineInput, CheckpointDecline as _sluice_v1_CheckpointDecline } from './sluice/v1/CheckpointDecline';
import type { CheckpointNotificationInput as _sluice_v1_CheckpointNotificationInput, CheckpointNotification as _sluice_v1_CheckpointNotification } from './sluice/v1/CheckpointNotification';
import type { CheckpointTriggerInput as _sluice_v1_CheckpointTriggerInput, CheckpointTrigger as _sluice_v1_CheckpointTrigger } from './sluice/v1/CheckpointTrigger';
import type { ConnectEventInput as _sluice_v1_ConnectEventInput, ConnectEvent as _sluice_v1_ConnectEvent } from './sluice/v1/ConnectEvent';
import type { ConnectRequestInput as _sluice_v1_ConnectRequestInput, ConnectRequest as _sluice_v1_ConnectRequest } from './sluice/v1/ConnectRequest';
import type { EnumeratorToReaderEventInput as _sluice_v1_EnumeratorToReaderEventInput, EnumeratorToReaderEvent as _sluice_v1_EnumeratorToReaderEvent } from './sluice/v1/EnumeratorToReaderEvent';
import type { ExecutionInput as _sluice_v1_ExecutionInput, Execution as _sluice_v1_Execution } from './sluice/v1/Execution';
import type { HeartbeatRequestInput as _sluice_v1_HeartbeatRequestInput, HeartbeatRequest as _sluice_v1_HeartbeatRequest } from './sluice/v1/HeartbeatRequest';
import type { HeartbeatResponseInput as _sluice_v1_HeartbeatResponseInput, HeartbeatResponse as _sluice_v1_HeartbeatResponse } from './sluice/v1/HeartbeatResponse';
import type { InputEdgeDeploymentInput as _sluice_v1_InputEdgeDeploymentInput, InputEdgeDeployment as _sluice_v1_InputEdgeDeployment } from './sluice/v1/InputEdgeDeployment';
import type { JobInput as _sluice_v1_JobInput, Job as _sluice_v1_Job } from './sluice/v1/Job';
import type { JobArtifactInput as _sluice_v1_JobArtifactInput, JobArtifact as _sluice_v1_JobArtifact } from './sluice/v1/JobArtifact';
import type { JobDeploymentInfoInput as _sluice_v1_JobDeploymentInfoInput, JobDeploymentInfo as _sluice_v1_JobDeploymentInfo } from './sluice/v1/JobDeploymentInfo';
import type { JobEdgeInput as _sluice_v1_JobEdgeInput, JobEdge as _sluice_v1_JobEdge } from './sluice/v1/JobEdge';
import type { JobGraphInput as _sluice_v1_JobGraphInput, JobGraph as _sluice_v1_JobGraph } from './sluice/v1/JobGraph';
import type { JobIdRequestInput as _sluice_v1_JobIdRequestInput, JobIdRequest as _sluice_v1_JobIdRequest } from './sluice/v1/JobIdRequest';
import type { JobManagerGatewayClient as _sluice_v1_JobManagerGatewayClient, JobManagerGatewayDefinition as _sluice_v1_JobManagerGatewayDefinition } from './sluice/v1/JobManagerGateway';
import type { JobStatusInput as _sluice_v1_JobStatusInput, JobStatus as _sluice_v1_JobStatus } from './sluice/v1/JobStatus';
import type { JobSummaryInput as _sluice_v1_JobSummaryInput, JobSummary as _sluice_v1_JobSummary } from './sluice/v1/JobSummary';
import type { JobVertexInput as _sluice_v1_JobVertexInput, JobVertex as _sluice_v1_JobVertex } from './sluice/v1/JobVertex';
import type { ListJobsRequestInput as _sluice_v1_ListJobsRequestInput, ListJobsRequest as _sluice_v1_ListJobsRequest } from './sluice/v1/ListJobsRequest';
import type { ListJobsResponseInput as _sluice_v1_ListJobsResponseInput, ListJobsResponse as _sluice_v1_ListJobsResponse } from './sluice/v1/ListJobsResponse';
import type { NoMoreSplitsInput as _sluice_v1_NoMoreSplitsInput, NoMoreSplits as _sluice_v1_NoMoreSplits } from './sluice/v1/NoMoreSplits';
import type { OperatorDescriptorInput as _sluice_v1_OperatorDescriptorInput, OperatorDescriptor as _sluice_v1_OperatorDescriptor } from './sluice/v1/OperatorDescriptor';
import type { OutputEdgeDeploymentInput as _sluice_v1_OutputEdgeDeploymentInput, OutputEdgeDeployment as _sluice_v1_OutputEdgeDeployment } from './sluice/v1/OutputEdgeDeployment';
import type { OutputRequestInput as _sluice_v1_OutputRequestInput, OutputRequest as _sluice_v1_OutputRequest } from './sluice/v1/OutputRequest';
import type { OutputResponseInput as _sluice_v1_OutputResponseInput, OutputResponse as _sluice_v1_OutputResponse } from './sluice/v1/OutputResponse';
import type { ProfileTaskRequestInput as _sluice_v1_ProfileTaskRequestInput, ProfileTaskRequest as _sluice_v1_ProfileTaskRequest } from './sluice/v1/ProfileTaskRequest';
import type { ProfileTaskResponseInput as _sluice_v1_ProfileTaskResponseInput, ProfileTaskResponse as _sluice_v1_ProfileTaskResponse } from './sluice/v1/ProfileTaskResponse';
import type { ReaderRegistrationInput as _sluice_v1_ReaderRegistrationInput, ReaderRegistration as _sluice_v1_ReaderRegistration } from './sluice/v1/ReaderRegistration';
import type { ReaderToEnumeratorEventInput as _sluice_v1_ReaderToEnumeratorEventInput, ReaderToEnumeratorEvent as _sluice_v1_ReaderToEnumeratorEvent } from './sluice/v1/ReaderToEnumeratorEvent';
import type { RegisterTaskManagerRequestInput as _sluice_v1_RegisterTaskManagerRequestInput, RegisterTaskManagerRequest as _sluice_v1_RegisterTaskManagerRequest } from './sluice/v1/RegisterTaskManagerRequest';
import type { RegisterTaskManagerResponseInput as _sluice_v1_RegisterTaskManagerResponseInput, RegisterTaskManagerResponse as _sluice_v1_RegisterTaskManagerResponse } from './sluice/v1/RegisterTaskManagerResponse';
import type { ResourceManagerGatewayClient as _sluice_v1_ResourceManagerGatewayClient, ResourceManagerGatewayDefinition as _sluice_v1_ResourceManagerGatewayDefinition } from './sluice/v1/ResourceManagerGateway';
import type { SavepointRequestInput as _sluice_v1_SavepointRequestInput, SavepointRequest as _sluice_v1_SavepointRequest } from './sluice/v1/SavepointRequest';
import type { SavepointResponseInput as _sluice_v1_SavepointResponseInput, SavepointResponse as _sluice_v1_SavepointResponse } from './sluice/v1/SavepointResponse';
import type { SlotInfoInput as _sluice_v1_SlotInfoInput, SlotInfo as _sluice_v1_SlotInfo } from './sluice/v1/SlotInfo';
import type { SplitAssignmentInput as _sluice_v1_SplitAssignmentInput, SplitAssignment as _sluice_v1_SplitAssignment } from './sluice/v1/SplitAssignment';
import type { SplitRequestInput as _sluice_v1_SplitRequestInput, SplitRequest as _sluice_v1_SplitRequest } from './sluice/v1/SplitRequest';
import type { StateHandleInput as _sluice_v1_StateHandleInput, StateHandle as _sluice_v1_StateHandle } from './sluice/v1/StateHandle';
import type { SubmitJobRequestInput as _sluice_v1_SubmitJobRequestInput, SubmitJobRequest as _sluice_v1_SubmitJobRequest } from './sluice/v1/SubmitJobRequest';
import type { SubmitJobResponseInput as _sluice_v1_SubmitJobResponseInput, SubmitJobResponse as _sluice_v1_SubmitJobResponse } from './sluice/v1/SubmitJobResponse';
import type { SubtaskStatusInput as _sluice_v1_SubtaskStatusInput, SubtaskStatus as _sluice_v1_SubtaskStatus } from './sluice/v1/SubtaskStatus';
import type { TaskDeploymentDescriptorInput as _sluice_v1_TaskDeploymentDescriptorInput, TaskDeploymentDescriptor as _sluice_v1_TaskDeploymentDescriptor } from './sluice/v1/TaskDeploymentDescriptor';
import type { TaskErrorInput as _sluice_v1_TaskErrorInput, TaskError as _sluice_v1_TaskError } from './sluice/v1/TaskError';
import type { TaskExecutionStateInput as _sluice_v1_TaskExecutionStateInput, TaskExecutionState as _sluice_v1_TaskExecutionState } from './sluice/v1/TaskExecutionState';
import type { TaskExecutorGatewayClient as _sluice_v1_TaskExecutorGatewayClient, TaskExecutorGatewayDefinition as _sluice_v1_TaskExecutorGatewayDefinition } from './sluice/v1/TaskExecutorGateway';
import type { TaskMetricsInput as _sluice_v1_TaskMetricsInput, TaskMetrics as _sluice_v1_TaskMetrics } from './sluice/v1/TaskMetrics';
import type { TaskRefInput as _sluice_v1_TaskRefInput, TaskRef as _sluice_v1_TaskRef } from './sluice/v1/TaskRef';
import type { TaskRestoreInput as _sluice_v1_TaskRestoreInput, TaskRestore as _sluice_v1_TaskRestore } from './sluice/v1/TaskRestore';
import type { VertexStatusInput as _sluice_v1_VertexStatusInput, VertexStatus as _sluice_v1_VertexStatus } from './sluice/v1/VertexStatus';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  sluice: {
    v1: {
      Ack: MessageTypeDefinition<_sluice_v1_AckInput, _sluice_v1_Ack>
      ChannelTarget: MessageTypeDefinition<_sluice_v1_ChannelTargetInput, _sluice_v1_ChannelTarget>
      CheckpointAck: MessageTypeDefinition<_sluice_v1_CheckpointAckInput, _sluice_v1_CheckpointAck>
      CheckpointDecline: MessageTypeDefinition<_sluice_v1_CheckpointDeclineInput, _sluice_v1_CheckpointDecline>
      CheckpointNotification: MessageTypeDefinition<_sluice_v1_CheckpointNotificationInput, _sluice_v1_CheckpointNotification>
      CheckpointTrigger: MessageTypeDefinition<_sluice_v1_CheckpointTriggerInput, _sluice_v1_CheckpointTrigger>
      ConnectEvent: MessageTypeDefinition<_sluice_v1_ConnectEventInput, _sluice_v1_ConnectEvent>
      ConnectRequest: MessageTypeDefinition<_sluice_v1_ConnectRequestInput, _sluice_v1_ConnectRequest>
      EnumeratorToReaderEvent: MessageTypeDefinition<_sluice_v1_EnumeratorToReaderEventInput, _sluice_v1_EnumeratorToReaderEvent>
      Execution: MessageTypeDefinition<_sluice_v1_ExecutionInput, _sluice_v1_Execution>
      HeartbeatRequest: MessageTypeDefinition<_sluice_v1_HeartbeatRequestInput, _sluice_v1_HeartbeatRequest>
      HeartbeatResponse: MessageTypeDefinition<_sluice_v1_HeartbeatResponseInput, _sluice_v1_HeartbeatResponse>
      InputEdgeDeployment: MessageTypeDefinition<_sluice_v1_InputEdgeDeploymentInput, _sluice_v1_InputEdgeDeployment>
      Job: MessageTypeDefinition<_sluice_v1_JobInput, _sluice_v1_Job>
      JobArtifact: MessageTypeDefinition<_sluice_v1_JobArtifactInput, _sluice_v1_JobArtifact>
      JobDeploymentInfo: MessageTypeDefinition<_sluice_v1_JobDeploymentInfoInput, _sluice_v1_JobDeploymentInfo>
      JobEdge: MessageTypeDefinition<_sluice_v1_JobEdgeInput, _sluice_v1_JobEdge>
      JobGraph: MessageTypeDefinition<_sluice_v1_JobGraphInput, _sluice_v1_JobGraph>
      JobIdRequest: MessageTypeDefinition<_sluice_v1_JobIdRequestInput, _sluice_v1_JobIdRequest>
      /**
       * ---------------------------------------------------------------- client -> JobManager
       */
      JobManagerGateway: SubtypeConstructor<typeof grpc.Client, _sluice_v1_JobManagerGatewayClient> & { service: _sluice_v1_JobManagerGatewayDefinition }
      JobStatus: MessageTypeDefinition<_sluice_v1_JobStatusInput, _sluice_v1_JobStatus>
      JobSummary: MessageTypeDefinition<_sluice_v1_JobSummaryInput, _sluice_v1_JobSummary>
      JobVertex: MessageTypeDefinition<_sluice_v1_JobVertexInput, _sluice_v1_JobVertex>
      ListJobsRequest: MessageTypeDefinition<_sluice_v1_ListJobsRequestInput, _sluice_v1_ListJobsRequest>
      ListJobsResponse: MessageTypeDefinition<_sluice_v1_ListJobsResponseInput, _sluice_v1_ListJobsResponse>
      NoMoreSplits: MessageTypeDefinition<_sluice_v1_NoMoreSplitsInput, _sluice_v1_NoMoreSplits>
      OperatorDescriptor: MessageTypeDefinition<_sluice_v1_OperatorDescriptorInput, _sluice_v1_OperatorDescriptor>
      OutputEdgeDeployment: MessageTypeDefinition<_sluice_v1_OutputEdgeDeploymentInput, _sluice_v1_OutputEdgeDeployment>
      OutputKind: EnumTypeDefinition
      OutputRequest: MessageTypeDefinition<_sluice_v1_OutputRequestInput, _sluice_v1_OutputRequest>
      OutputResponse: MessageTypeDefinition<_sluice_v1_OutputResponseInput, _sluice_v1_OutputResponse>
      Partitioner: EnumTypeDefinition
      ProfileTaskRequest: MessageTypeDefinition<_sluice_v1_ProfileTaskRequestInput, _sluice_v1_ProfileTaskRequest>
      ProfileTaskResponse: MessageTypeDefinition<_sluice_v1_ProfileTaskResponseInput, _sluice_v1_ProfileTaskResponse>
      ReaderRegistration: MessageTypeDefinition<_sluice_v1_ReaderRegistrationInput, _sluice_v1_ReaderRegistration>
      ReaderToEnumeratorEvent: MessageTypeDefinition<_sluice_v1_ReaderToEnumeratorEventInput, _sluice_v1_ReaderToEnumeratorEvent>
      RegisterTaskManagerRequest: MessageTypeDefinition<_sluice_v1_RegisterTaskManagerRequestInput, _sluice_v1_RegisterTaskManagerRequest>
      RegisterTaskManagerResponse: MessageTypeDefinition<_sluice_v1_RegisterTaskManagerResponseInput, _sluice_v1_RegisterTaskManagerResponse>
      /**
       * ---------------------------------------------------------------- TaskManager -> JobManager
       */
      ResourceManagerGateway: SubtypeConstructor<typeof grpc.Client, _sluice_v1_ResourceManagerGatewayClient> & { service: _sluice_v1_ResourceManagerGatewayDefinition }
      SavepointRequest: MessageTypeDefinition<_sluice_v1_SavepointRequestInput, _sluice_v1_SavepointRequest>
      SavepointResponse: MessageTypeDefinition<_sluice_v1_SavepointResponseInput, _sluice_v1_SavepointResponse>
      SlotInfo: MessageTypeDefinition<_sluice_v1_SlotInfoInput, _sluice_v1_SlotInfo>
      SplitAssignment: MessageTypeDefinition<_sluice_v1_SplitAssignmentInput, _sluice_v1_SplitAssignment>
      SplitRequest: MessageTypeDefinition<_sluice_v1_SplitRequestInput, _sluice_v1_SplitRequest>
      StateHandle: MessageTypeDefinition<_sluice_v1_StateHandleInput, _sluice_v1_StateHandle>
      SubmitJobRequest: MessageTypeDefinition<_sluice_v1_SubmitJobRequestInput, _sluice_v1_SubmitJobRequest>
      SubmitJobResponse: MessageTypeDefinition<_sluice_v1_SubmitJobResponseInput, _sluice_v1_SubmitJobResponse>
      SubtaskStatus: MessageTypeDefinition<_sluice_v1_SubtaskStatusInput, _sluice_v1_SubtaskStatus>
      TaskDeploymentDescriptor: MessageTypeDefinition<_sluice_v1_TaskDeploymentDescriptorInput, _sluice_v1_TaskDeploymentDescriptor>
      TaskError: MessageTypeDefinition<_sluice_v1_TaskErrorInput, _sluice_v1_TaskError>
      TaskExecutionState: MessageTypeDefinition<_sluice_v1_TaskExecutionStateInput, _sluice_v1_TaskExecutionState>
      /**
       * ---------------------------------------------------------------- JobManager -> TaskManager
       */
      TaskExecutorGateway: SubtypeConstructor<typeof grpc.Client, _sluice_v1_TaskExecutorGatewayClient> & { service: _sluice_v1_TaskExecutorGatewayDefinition }
      TaskMetrics: MessageTypeDefinition<_sluice_v1_TaskMetricsInput, _sluice_v1_TaskMetrics>
      TaskRef: MessageTypeDefinition<_sluice_v1_TaskRefInput, _sluice_v1_TaskRef>
      TaskRestore: MessageTypeDefinition<_sluice_v1_TaskRestoreInput, _sluice_v1_TaskRestore>
      VertexStatus: MessageTypeDefinition<_sluice_v1_VertexStatusInput, _sluice_v1_VertexStatus>
    }
  }
}

