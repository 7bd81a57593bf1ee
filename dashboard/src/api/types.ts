/** Shapes of the JobManager's REST answers the dashboard reads (docs/rest-api.md). */

export type JobState = 'CREATED' | 'RUNNING' | 'FAILING' | 'RESTARTING' | 'CANCELLING' | 'CANCELED' | 'FAILED' | 'FINISHED';
export type BackpressureLevel = 'ok' | 'low' | 'high';

export interface ClusterOverview {
  taskmanagers: number;
  'slots-total': number;
  'slots-available': number;
  'jobs-running': number;
  'jobs-finished': number;
  'jobs-cancelled': number;
  'jobs-failed': number;
  'sluice-version': string;
}

export interface DashboardConfig {
  'refresh-interval': number;
  'sluice-version': string;
}

export interface JobOverview {
  jid: string;
  name: string;
  state: JobState;
  'start-time': number;
  'end-time': number;
  duration: number;
  'last-modification': number;
  tasks: Record<string, number>;
}

export interface Rates {
  'read-records-per-second': number;
  'write-records-per-second': number;
  'read-bytes-per-second': number;
  'write-bytes-per-second': number;
  'busy-ratio': number;
  'backpressure-ratio': number;
  'backpressure-level': BackpressureLevel;
}

export interface VertexTotals {
  'read-records': number;
  'write-records': number;
  'read-bytes': number;
  'write-bytes': number;
  'accumulated-busy-time': number;
  'accumulated-backpressured-time': number;
}

export interface JobVertex {
  id: string;
  name: string;
  parallelism: number;
  maxParallelism: number;
  status: string;
  'start-time': number;
  duration: number;
  tasks: Record<string, number>;
  metrics: VertexTotals;
  rates: Rates;
  'current-watermark': number | null;
}

export interface PlanNode {
  id: string;
  parallelism: number;
  description: string;
  operators: Array<{ name: string; kind: string; uid: string }>;
  inputs?: Array<{ num: number; id: string; ship_strategy: string; side_output?: string }>;
}

export interface JobDetail {
  jid: string;
  name: string;
  state: JobState;
  'start-time': number;
  'end-time': number;
  duration: number;
  now: number;
  vertices: JobVertex[];
  plan: { nodes: PlanNode[] };
}

export interface SubtaskDetail {
  subtask: number;
  status: string;
  attempt: number;
  endpoint: string | null;
  'taskmanager-id': string | null;
  slot: number | null;
  duration: number;
  metrics: VertexTotals;
  rates: Rates;
  'current-watermark': number | null;
}

export interface VertexDetail {
  id: string;
  name: string;
  parallelism: number;
  subtasks: SubtaskDetail[];
}

// The server's own types for GET /jobs/:jid/checkpoints (type-only: nothing is bundled).
export type { CheckpointStatsEntry as CheckpointEntry, CheckpointStats } from '../../../jobmanager/checkpoint/checkpoint-stats';

export interface ExceptionEntry {
  exceptionName: string;
  stacktrace: string;
  timestamp: number;
  taskName: string | null;
  location: string | null;
  taskManagerId: string | null;
}

export interface JobExceptions {
  'root-exception': string | null;
  timestamp: number | null;
  exceptionHistory: { entries: ExceptionEntry[]; truncated: boolean };
}

export interface SavepointStatus {
  status: { id: 'IN_PROGRESS' | 'COMPLETED' };
  operation?: { location?: string; 'failure-cause'?: { class: string; 'stack-trace': string } };
}

export interface TaskManagerSummary {
  id: string;
  path: string;
  slotsNumber: number;
  freeSlots: number;
  timeSinceLastHeartbeat: number;
  hardware: { cpuCores: number; physicalMemory: number };
}

export interface SlotSubtask {
  jobId: string;
  vertexId: string;
  vertexName: string;
  subtask: number;
  parallelism: number;
  status: string;
  attempt: number;
}

export interface TaskManagerDetail extends TaskManagerSummary {
  pid: number;
  'registered-at': number;
  uptime: number;
  slots: Array<{ index: number; dataHost: string; dataPort: number; status: 'FREE' | 'ALLOCATED'; jobId: string | null; jobName: string | null; subtasks: SlotSubtask[] }>;
}

export interface UploadedJobFile {
  id: string;
  name: string;
  uploaded: number;
}
