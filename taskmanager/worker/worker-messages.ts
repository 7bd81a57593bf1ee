import type { MessagePort } from 'node:worker_threads';
import type { JobDeploymentInfo, TaskDeploymentDescriptor, TaskMetrics, TaskRef, TaskState } from '../../proto/messages';

/** What the TaskManager's main thread tells a slot worker. */
export type ToWorker =
  | { type: 'deploy'; descriptor: TaskDeploymentDescriptor; job: JobDeploymentInfo }
  | { type: 'cancel'; task: TaskRef }
  | { type: 'release-job'; jobId: string }
  | { type: 'shutdown' };

/** What a slot worker tells the main thread. */
export type FromWorker =
  | { type: 'ready'; slot: number; dataPort: number }
  | { type: 'task-state'; task: TaskRef; state: TaskState; error: string }
  | { type: 'metrics'; slot: number; tasks: TaskMetrics[] }
  | { type: 'fatal'; error: string };

export interface SlotWorkerData {
  taskManagerId: string;
  slot: number;
  host: string;
  dataPort: number;
  /** MessagePorts to the other slot workers, by slot index (transferred). */
  peers: Record<number, MessagePort>;
}
