import type { CheckpointAck, CheckpointDecline, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { ChannelEvent } from '../../network/channel-types';
import { encodeTaskState, type TaskStateSnapshot } from '../../../common/checkpoint/task-state-snapshot';
import { writeTaskState } from '../../../common/checkpoint/state-files';
import { errorMessage } from '../../../common/errors';

export interface CheckpointReporter {
  acknowledge(ack: CheckpointAck): void;
  decline(decline: CheckpointDecline): void;
}

export interface CheckpointRequest {
  checkpointId: number;
  timestamp: number;
  location: string;
  isSavepoint: boolean;
  alignmentMs: number;
  /** Stop-with-savepoint: no record follows this barrier. */
  stop?: boolean;
}

/**
 * Takes a subtask's part of a checkpoint: the synchronous part copies the operators' state
 * into one encoded blob and sends the barrier on; the asynchronous part writes the blob to
 * checkpoint storage while processing goes on, then acknowledges with the state handle.
 */
export class TaskCheckpointer {
  constructor(
    private readonly descriptor: TaskDeploymentDescriptor,
    private readonly reporter: CheckpointReporter,
    /**
     * A sink's asynchronous pre-commit failed: the task fails. Declining the checkpoint alone
     * would drop that transaction's records (the next checkpoints go on without them).
     */
    private readonly failTask: (err: unknown) => void = () => undefined,
  ) {}

  perform(request: CheckpointRequest, snapshot: () => TaskStateSnapshot | Promise<TaskStateSnapshot>, emitBarrier: ((event: ChannelEvent) => void) | undefined): void {
    const d = this.descriptor;
    const started = Date.now();
    let bytes: Uint8Array | undefined;
    let failure: string | undefined;
    let pending: Promise<TaskStateSnapshot> | undefined;
    try {
      const taken = snapshot();
      if (typeof (taken as Promise<TaskStateSnapshot>).then === 'function') pending = taken as Promise<TaskStateSnapshot>;
      else bytes = encodeTaskState(taken as TaskStateSnapshot);
    } catch (err) {
      failure = `snapshot of ${d.vertexId}/${d.subtask} failed: ${errorMessage(err)}`;
    }
    // The barrier goes on even when this snapshot failed, so downstream tasks are not left
    // aligning for ever; the coordinator fails the checkpoint on the decline.
    emitBarrier?.({ type: 'barrier', checkpointId: request.checkpointId, timestamp: request.timestamp, savepoint: request.isSavepoint, location: request.location, stop: request.stop });
    const syncMs = Date.now() - started;
    if (failure !== undefined || (bytes === undefined && pending === undefined)) {
      this.decline(request.checkpointId, failure ?? 'no snapshot');
      return;
    }
    const asyncStart = Date.now();
    // A sink's asynchronous pre-commit (e.g. a flush) completes the snapshot before it is written.
    const encoded = pending
      ? pending.then(encodeTaskState, (err: unknown) => {
          this.failTask(err);
          return Promise.reject(new Error(`snapshot of ${d.vertexId}/${d.subtask} failed: ${errorMessage(err)}`));
        })
      : Promise.resolve(bytes!);
    encoded.then((blob) => writeTaskState(request.location, d.vertexId, d.subtask, blob)).then(
      (handle) =>
        this.reporter.acknowledge({
          jobId: d.jobId,
          attempt: d.attempt,
          vertexId: d.vertexId,
          subtask: d.subtask,
          checkpointId: request.checkpointId,
          handle,
          alignmentMs: request.alignmentMs,
          syncMs,
          asyncMs: Date.now() - asyncStart,
        }),
      (err) => this.decline(request.checkpointId, `writing state of ${d.vertexId}/${d.subtask} failed: ${errorMessage(err)}`),
    );
  }

  decline(checkpointId: number, reason: string): void {
    const d = this.descriptor;
    this.reporter.decline({ jobId: d.jobId, attempt: d.attempt, vertexId: d.vertexId, subtask: d.subtask, checkpointId, reason });
  }
}
