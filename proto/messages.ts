/**
 * The messages of sluice.proto as TypeScript types, under the names the code uses. Every type
 * here is GENERATED from the .proto (proto/generated/, `npm run proto`): this file only
 * re-exports them, so it cannot drift from the contract. Each name is the complete shape a
 * receiver sees (defaults filled in); `<Name>Input` is the permissive shape a sender may pass.
 */

export type { OperatorDescriptor, OperatorDescriptorInput } from './generated/sluice/v1/OperatorDescriptor';
export type { JobVertex, JobVertexInput } from './generated/sluice/v1/JobVertex';
export type { JobEdge, JobEdgeInput } from './generated/sluice/v1/JobEdge';
export type { JobGraph, JobGraphInput } from './generated/sluice/v1/JobGraph';
export type { JobArtifact, JobArtifactInput } from './generated/sluice/v1/JobArtifact';
export type { SubmitJobRequest, SubmitJobRequestInput } from './generated/sluice/v1/SubmitJobRequest';
export type { JobSummary, JobSummaryInput } from './generated/sluice/v1/JobSummary';
export type { SubtaskStatus } from './generated/sluice/v1/SubtaskStatus';
export type { VertexStatus } from './generated/sluice/v1/VertexStatus';
export type { JobStatus, JobStatusInput } from './generated/sluice/v1/JobStatus';
export type { SlotInfo } from './generated/sluice/v1/SlotInfo';
export type { RegisterTaskManagerRequest } from './generated/sluice/v1/RegisterTaskManagerRequest';
export type { RegisterTaskManagerResponse } from './generated/sluice/v1/RegisterTaskManagerResponse';
export type { TaskMetrics } from './generated/sluice/v1/TaskMetrics';
export type { HeartbeatRequest } from './generated/sluice/v1/HeartbeatRequest';
export type { ConnectEvent } from './generated/sluice/v1/ConnectEvent';
export type { TaskExecutionState } from './generated/sluice/v1/TaskExecutionState';
export type { TaskError, TaskErrorInput } from './generated/sluice/v1/TaskError';
export type { StateHandle } from './generated/sluice/v1/StateHandle';
export type { CheckpointAck } from './generated/sluice/v1/CheckpointAck';
export type { CheckpointDecline } from './generated/sluice/v1/CheckpointDecline';
export type { CheckpointTrigger } from './generated/sluice/v1/CheckpointTrigger';
export type { SavepointRequest } from './generated/sluice/v1/SavepointRequest';
export type { CheckpointNotification } from './generated/sluice/v1/CheckpointNotification';
export type { TaskRestore } from './generated/sluice/v1/TaskRestore';
export type { JobDeploymentInfo } from './generated/sluice/v1/JobDeploymentInfo';
export type { ChannelTarget } from './generated/sluice/v1/ChannelTarget';
export type { OutputEdgeDeployment } from './generated/sluice/v1/OutputEdgeDeployment';
export type { InputEdgeDeployment } from './generated/sluice/v1/InputEdgeDeployment';
export type { TaskDeploymentDescriptor } from './generated/sluice/v1/TaskDeploymentDescriptor';
export type { TaskRef } from './generated/sluice/v1/TaskRef';
export type { OutputRequest, OutputRequestInput } from './generated/sluice/v1/OutputRequest';
export type { OutputResponse, OutputResponseInput } from './generated/sluice/v1/OutputResponse';
export type { ProfileTaskRequest, ProfileTaskRequestInput } from './generated/sluice/v1/ProfileTaskRequest';
export type { ProfileTaskResponse, ProfileTaskResponseInput } from './generated/sluice/v1/ProfileTaskResponse';
export type { ReaderToEnumeratorEvent, ReaderToEnumeratorEventInput } from './generated/sluice/v1/ReaderToEnumeratorEvent';
export type { EnumeratorToReaderEvent, EnumeratorToReaderEventInput } from './generated/sluice/v1/EnumeratorToReaderEvent';

// The enums: each a const object of its values and a string-union type of the same name.
export { Partitioner as PartitionerKind } from './generated/sluice/v1/Partitioner';
export { OutputKind } from './generated/sluice/v1/OutputKind';
export { _sluice_v1_Job_State as JobState } from './generated/sluice/v1/Job';
export { _sluice_v1_Execution_State as TaskState } from './generated/sluice/v1/Execution';
