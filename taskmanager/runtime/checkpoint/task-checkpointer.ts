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
   * The buffers of the last checkpoints whose state was written, newest first: the next
   * snapshot is encoded into one of them. About the state's size per set, instead of a new
   * buffer per checkpoint (whose allocation made V8 collect the slot's whole heap: 150-500 ms
   * with 230 MB of q8 state). Only a write that succeeded gives its buffers back (a timed-out
   * one may still be reading them). Two sets are kept while a keyed backend copies unchanged
   * entries from the last snapshot's bytes (its pinned buffers), one otherwise.
   */
  private spares: Buffer[][] = [];

  constructor(
    private readonly descriptor: TaskDeploymentDescriptor,
    private readonly reporter: CheckpointReporter,
    /**
     * A sink's asynchronous pre-commit failed: the task fails. Declining the checkpoint alone
     * would drop that transaction's records (the next checkpoints go on without them).
     */
    private readonly failTask: (err: unknown) => void = () => undefined,
  ) {}

  /**
   * `pinned`: buffers the snapshot must not be written into (those a keyed backend copies
   * unchanged entries from, see KeyedStateBackend.pinnedBuffers).
   */
  perform(
    request: CheckpointRequest,
    snapshot: (reuse: Buffer[] | undefined) => EncodedTaskState | Promise<EncodedTaskState>,
    emitBarrier: ((event: ChannelEvent) => void) | undefined,
    pinned: () => readonly Buffer[] = () => [],
  ): void {
    const d = this.descriptor;
    const started = Date.now();
    let bytes: EncodedTaskState | undefined;
    let failure: string | undefined;
    let pending: Promise<EncodedTaskState> | undefined;
    const held = pinned();
    const reuse = this.takeSpares(held);
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
        if (buffers !== undefined) this.keepSpares(buffers, pinned().length > 0 ? 2 : 1);
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

  /** A set of spares none of whose buffers is pinned, taken out of the pool. */
  private takeSpares(pinned: readonly Buffer[]): Buffer[] | undefined {
    const i = this.spares.findIndex((set) => !set.some((b) => pinned.includes(b)));
    return i < 0 ? undefined : this.spares.splice(i, 1)[0];
  }

  /** The buffers of a written snapshot go first in the pool; past `keep` sets the oldest go. */
  private keepSpares(buffers: Buffer[], keep: number): void {
    this.spares.unshift(buffers);
    if (this.spares.length > keep) this.spares.length = keep;
  }

  decline(checkpointId: number, reason: string): void {
    const d = this.descriptor;
    this.reporter.decline({ jobId: d.jobId, attempt: d.attempt, vertexId: d.vertexId, subtask: d.subtask, checkpointId, reason });
  }
}
