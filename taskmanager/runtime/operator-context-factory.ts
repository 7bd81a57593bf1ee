import type { OperatorDescriptor, TaskDeploymentDescriptor } from '../../proto/messages';
import type { OperatorContext } from '../operators/operator';
import type { TimestampRegister } from '../operators/record-timestamp';
import type { ProcessingTimeService } from './timer-service-processing-time';
import { KeyedStateBackend } from '../state/keyed-state-backend';
import type { LoadedJob } from '../../job/loaded-job';
import type { RestoredTaskState } from './checkpoint/task-state-restorer';

export interface OperatorContextSources {
  descriptor: TaskDeploymentDescriptor;
  maxParallelism: number;
  job: LoadedJob;
  /** The task's keyed state backends by operator uid: the task snapshots these. */
  keyedBackends: Map<string, KeyedStateBackend>;
  restored: RestoredTaskState | undefined;
  timestamps: TimestampRegister;
  processingTimeService: ProcessingTimeService;
}

/**
 * What an operator of a task sees: its identity, user functions, its keyed state backend
 * (created on first use and filled from the restored state) and its restored list state.
 */
export function createOperatorContext(op: OperatorDescriptor, src: OperatorContextSources): OperatorContext {
  const d = src.descriptor;
  return {
    jobId: d.jobId,
    attempt: d.attempt,
    vertexId: d.vertexId,
    operatorName: op.name,
    operatorUid: op.uid,
    subtaskIndex: d.subtask,
    parallelism: d.parallelism,
    maxParallelism: src.maxParallelism,
    userFunction: (id: number) => src.job.userFunction(id),
    keyedStateBackend: () => {
      let backend = src.keyedBackends.get(op.uid);
      if (!backend) {
        backend = new KeyedStateBackend(src.maxParallelism, d.parallelism, d.subtask);
        backend.tracksChanges = src.job.config.checkpoint !== undefined;
        backend.restore(src.restored?.keyed.get(op.uid) ?? []);
        src.keyedBackends.set(op.uid, backend);
      }
      return backend;
    },
    restoredOperatorState: () => src.restored?.list.get(op.uid),
    restoredCheckpointId: src.restored?.checkpointId,
    timestamps: src.timestamps,
    processingTimeService: src.processingTimeService,
  };
}
