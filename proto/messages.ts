/** TypeScript shapes of the messages in sluice.proto (camelCase, as proto-loader yields them). */

export type PartitionerKind = 'forward' | 'hash' | 'rebalance' | 'broadcast';

export interface OperatorDescriptor {
  id: number;
  kind: string;
  name: string;
  uid: string;
  userUid: boolean;
  configJson: string;
}

export interface JobVertex {
  id: string;
  name: string;
  parallelism: number;
  maxParallelism: number;
  operators: OperatorDescriptor[];
}

export interface JobEdge {
  id: string;
  source: string;
  target: string;
  partitioner: PartitionerKind;
  keySelectorId: number;
  targetInput: number;
  targetOperatorId: number;
  /** Non-empty: the edge carries only this side output of the source chain's tail. */
  sideOutputTag: string;
}

export interface JobGraph {
  name: string;
  vertices: JobVertex[];
  edges: JobEdge[];
  configJson: string;
  hash: string;
}

export interface JobArtifact {
  code: Uint8Array;
  args: string[];
  defaultParallelism: number;
  fileName: string;
}

export interface SubmitJobRequest {
  graph: JobGraph;
  artifact: JobArtifact;
  savepointPath: string;
  allowNonRestoredState: boolean;
}

export interface JobSummary {
  jobId: string;
  name: string;
  state: string;
  startTime: number;
  endTime: number;
  failureCause: string;
}

export interface SubtaskStatus {
  index: number;
  state: string;
  taskManagerId: string;
  attempt: number;
}

export interface VertexStatus {
  id: string;
  name: string;
  parallelism: number;
  state: string;
  subtasks: SubtaskStatus[];
}

export interface JobStatus {
  job: JobSummary;
  vertices: VertexStatus[];
}

export interface SlotInfo {
  index: number;
  dataHost: string;
  dataPort: number;
}

export interface RegisterTaskManagerRequest {
  taskManagerId: string;
  rpcAddress: string;
  slots: SlotInfo[];
  memoryBytes: number;
  cpuCores: number;
  pid: number;
}

export interface TaskMetrics {
  jobId: string;
  vertexId: string;
  subtask: number;
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
  busyMs: number;
  backpressuredMs: number;
  /** Event time of the task's input (min over channels); NO_WATERMARK when none yet. */
  currentWatermark: number;
  attempt: number;
}

/** currentWatermark before any watermark arrived (Flink shows Long.MIN_VALUE). */
export const NO_WATERMARK = -Number.MAX_SAFE_INTEGER;

export interface HeartbeatRequest {
  taskManagerId: string;
  metrics: TaskMetrics[];
}

export type TaskState = 'CREATED' | 'SCHEDULED' | 'DEPLOYING' | 'RUNNING' | 'FINISHED' | 'CANCELING' | 'CANCELED' | 'FAILED';

export interface TaskExecutionState {
  taskManagerId: string;
  jobId: string;
  attempt: number;
  vertexId: string;
  subtask: number;
  state: TaskState;
  error: string;
  /** With RUNNING: input ended; with checkpointing the task awaits a final checkpoint. */
  endOfData?: boolean;
}

export interface StateHandle {
  subtask: number;
  location: string;
  size: number;
  sha256: string;
}

export interface CheckpointAck {
  jobId: string;
  attempt: number;
  vertexId: string;
  subtask: number;
  checkpointId: number;
  handle: StateHandle;
  alignmentMs: number;
  syncMs: number;
  asyncMs: number;
}

export interface CheckpointDecline {
  jobId: string;
  attempt: number;
  vertexId: string;
  subtask: number;
  checkpointId: number;
  reason: string;
}

export interface CheckpointTrigger {
  task: TaskRef;
  checkpointId: number;
  timestamp: number;
  location: string;
  isSavepoint: boolean;
  /** Every task's input ended: tasks finish once this checkpoint completed. */
  finalCheckpoint?: boolean;
  /** Stop-with-savepoint: sources stop after the barrier; tasks finish when it completed. */
  stop?: boolean;
  /** With stop: advance event time to the end first. */
  drain?: boolean;
}

export interface SavepointRequest {
  jobId: string;
  targetDirectory: string;
  cancelJob: boolean;
  drain: boolean;
}

export interface CheckpointNotification {
  jobId: string;
  attempt: number;
  checkpointId: number;
  aborted: boolean;
}

export interface TaskRestore {
  checkpointId: number;
  externalPath: string;
  previousParallelism: number;
  maxParallelism: number;
  handles: StateHandle[];
  isSavepoint: boolean;
}

export interface JobDeploymentInfo {
  graph: JobGraph;
  artifact: JobArtifact;
}

export interface ChannelTarget {
  taskManagerId: string;
  host: string;
  port: number;
  slot: number;
}

export interface OutputEdgeDeployment {
  edgeId: string;
  partitioner: PartitionerKind;
  targetVertex: string;
  keySelectorId: number;
  maxParallelism: number;
  consumers: ChannelTarget[];
  sideOutputTag: string;
}

export interface InputEdgeDeployment {
  edgeId: string;
  sourceVertex: string;
  numProducers: number;
  targetInput: number;
  targetOperatorId: number;
}

export interface TaskDeploymentDescriptor {
  jobId: string;
  attempt: number;
  vertexId: string;
  subtask: number;
  parallelism: number;
  slot: number;
  inputs: InputEdgeDeployment[];
  outputs: OutputEdgeDeployment[];
  /** Empty or absent: a fresh start; several when the chain's operators come from several old chains. */
  restores?: TaskRestore[];
}

export interface TaskRef {
  jobId: string;
  attempt: number;
  vertexId: string;
  subtask: number;
}

/** Reader → enumerator (proto oneof `kind`; exactly one payload field is set). */
export type ReaderToEnumeratorEvent =
  | { task: TaskRef; kind: 'registerReader'; registerReader: { location: string } }
  | { task: TaskRef; kind: 'splitRequest'; splitRequest: { hostname: string } }
  | { task: TaskRef; kind: 'sourceEvent'; sourceEvent: Uint8Array };

/** Enumerator → reader (proto oneof `kind`); `addSplits.splits` is a msgpack array of splits. */
export type EnumeratorToReaderEvent =
  | { task: TaskRef; kind: 'addSplits'; addSplits: { splits: Uint8Array } }
  | { task: TaskRef; kind: 'noMoreSplits'; noMoreSplits: Record<string, never> }
  | { task: TaskRef; kind: 'sourceEvent'; sourceEvent: Uint8Array };
