import type { CheckpointAck, CheckpointDecline, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { ChannelEvent } from '../../network/channel-types';
import type { EncodedTaskState } from './task-snapshot';
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
  /**
   * The buffers of the last checkpoint whose state was written: the next snapshot is encoded
   * into them. About the state's size per subtask, instead of a new buffer per checkpoint
   * (whose allocation made V8 collect the slot's whole heap: 150-500 ms with 230 MB of q8 state).
   * Only a write that succeeded gives its buffers back (a timed-out one may still be reading them).
   */
  private spare: Buffer[] | undefined;

  constructor(
    private readonly descriptor: TaskDeploymentDescriptor,
    private readonly reporter: CheckpointReporter,
    /**
     * A sink's asynchronous pre-commit failed: the task fails. Declining the checkpoint alone
     * would drop that transaction's records (the next checkpoints go on without them).
     */
    private readonly failTask: (err: unknown) => void = () => undefined,
  ) {}

  perform(request: CheckpointRequest, snapshot: (reuse: Buffer[] | undefined) => EncodedTaskState | Promise<EncodedTaskState>, emitBarrier: ((event: ChannelEvent) => void) | undefined): void {
    const d = this.descriptor;
    const started = Date.now();
    let bytes: EncodedTaskState | undefined;
    let failure: string | undefined;
    let pending: Promise<EncodedTaskState> | undefined;
    const reuse = this.spare;
    this.spare = undefined;
    try {
      const taken = snapshot(reuse);
      if (typeof (taken as Promise<EncodedTaskState>).then === 'function') pending = taken as Promise<EncodedTaskState>;
      else bytes = taken as EncodedTaskState;
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
      ? pending.catch((err: unknown) => {
          this.failTask(err);
          return Promise.reject(new Error(`snapshot of ${d.vertexId}/${d.subtask} failed: ${errorMessage(err)}`));
        })
      : Promise.resolve(bytes!);
    let buffers: Buffer[] | undefined;
    encoded.then((state) => {
      buffers = state.buffers;
      return writeTaskState(request.location, d.vertexId, d.subtask, state.chunks);
    }).then(
      (handle) => {
        // With two writes in flight (a savepoint during a checkpoint), the larger set is kept.
        if (buffers !== undefined && (this.spare === undefined || total(this.spare) <= total(buffers))) this.spare = buffers;
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
        });
      },
      (err) => this.decline(request.checkpointId, `writing state of ${d.vertexId}/${d.subtask} failed: ${errorMessage(err)}`),
    );
  }

  decline(checkpointId: number, reason: string): void {
    const d = this.descriptor;
    this.reporter.decline({ jobId: d.jobId, attempt: d.attempt, vertexId: d.vertexId, subtask: d.subtask, checkpointId, reason });
  }
}

function total(buffers: readonly Buffer[]): number {
  let n = 0;
  for (const b of buffers) n += b.length;
  return n;
}
