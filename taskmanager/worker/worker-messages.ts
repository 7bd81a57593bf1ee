import type { MessagePort } from 'node:worker_threads';
import type { CheckpointAck, CheckpointDecline, CheckpointNotification, EnumeratorToReaderEvent, ReaderToEnumeratorEventInput, TaskDeploymentDescriptor, TaskError, TaskRef, TaskState } from '../../proto/messages';
import type { TaskCheckpointTrigger } from '../rpc/task-executor-service';
import type { JobDeployment } from '../../job/loaded-job';

/** What the TaskManager's main thread tells a slot worker. */
export type ToWorker =
  | { type: 'deploy'; descriptor: TaskDeploymentDescriptor; job: JobDeployment }
  | { type: 'cancel'; task: TaskRef }
  | { type: 'trigger-checkpoint'; trigger: TaskCheckpointTrigger }
  | { type: 'notify-checkpoint'; notification: CheckpointNotification }
  | { type: 'operator-event'; event: EnumeratorToReaderEvent & { task: TaskRef } }
  | { type: 'release-job'; jobId: string }
  | { type: 'profile'; requestId: number; durationMs: number; samplingIntervalUs: number }
  | { type: 'shutdown' };

/** What a slot worker tells the main thread. */
export type FromWorker =
  | { type: 'ready'; slot: number; dataPort: number }
  | { type: 'task-state'; task: TaskRef; state: TaskState; error: string; endOfData: boolean; errorInfo?: TaskError }
  | { type: 'checkpoint-ack'; ack: CheckpointAck }
  | { type: 'checkpoint-decline'; decline: CheckpointDecline }
  | { type: 'coordinator-event'; event: ReaderToEnumeratorEventInput & { task: TaskRef } }
  /** Once per task, at deployment: its counters, in memory the main thread reads when it samples. */
  | { type: 'task-metrics'; task: TaskRef; buffer: SharedArrayBuffer }
  | { type: 'profile-result'; requestId: number; profileJson: string; error: string }
  | { type: 'fatal'; error: string };

export interface SlotWorkerData {
  taskManagerId: string;
  slot: number;
  host: string;
  dataPort: number;
  /** TLS and auth token of the data plane. */
  security: import('../../common/security').SecurityConfig;
  /** Bound on one checkpoint storage operation of this slot's tasks. @default 60000 */
  storageTimeoutMs?: number;
  /** MessagePorts to the other slot workers, by slot index (transferred). */
  peers: Record<number, MessagePort>;
}
