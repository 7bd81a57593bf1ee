import type { StateHandle } from '../../proto/messages';
import type { StateMachine } from '../../common/state-machine';
import { type CheckpointState, createCheckpointStateMachine } from './checkpoint-state-machine';

export interface TaskAck {
  handle: StateHandle;
  alignmentMs: number;
  syncMs: number;
  asyncMs: number;
}

/** A subtask's acknowledgement with when it arrived (epoch ms). */
export interface TimedTaskAck extends TaskAck {
  ackedAt: number;
}

/**
 * A checkpoint in flight: triggered, collecting one acknowledgement per subtask. It becomes
 * a CompletedCheckpoint once all subtasks acknowledged and its metadata is written; it is a
 * different type so that an unfinished checkpoint can never be restored from. Where it is in
 * its lifecycle is `lifecycle` (checkpoint-state-machine.ts).
 */
export class PendingCheckpoint {
  readonly acks = new Map<string, TimedTaskAck>();
  readonly lifecycle: StateMachine<CheckpointState>;
  private readonly expected: Set<string>;
  latestAckAt: number;
  timeout: NodeJS.Timeout | undefined;
  /** Stop-with-savepoint (and with --drain). */
  stop = false;
  drain = false;
  /** The source enumerators' states, taken when the checkpoint was triggered. */
  enumeratorStates: Record<string, string> | undefined;

  constructor(
    readonly checkpointId: number,
    readonly attempt: number,
    readonly timestamp: number,
    readonly location: string,
    readonly isSavepoint: boolean,
    expectedTasks: Iterable<string>,
    /** Taken once every task's input ended: its completion lets the tasks finish. */
    readonly isFinal = false,
  ) {
    this.expected = new Set(expectedTasks);
    this.latestAckAt = timestamp;
    this.lifecycle = createCheckpointStateMachine(`${isSavepoint ? 'Savepoint' : 'Checkpoint'} ${checkpointId}`);
  }

  get state(): CheckpointState {
    return this.lifecycle.state;
  }

  static taskKey(vertexId: string, subtask: number): string {
    return `${vertexId}/${subtask}`;
  }

  /** Returns false for a task that is not expected or already acknowledged, or once no longer PENDING. */
  acknowledge(vertexId: string, subtask: number, ack: TaskAck, now: number): boolean {
    const key = PendingCheckpoint.taskKey(vertexId, subtask);
    if (this.state !== 'PENDING' || !this.expected.has(key) || this.acks.has(key)) return false;
    this.acks.set(key, { ...ack, ackedAt: now });
    this.latestAckAt = now;
    return true;
  }

  hasAcknowledged(vertexId: string, subtask: number): boolean {
    return this.acks.has(PendingCheckpoint.taskKey(vertexId, subtask));
  }

  /** `vertexId/subtask` of every task that takes part, acknowledged or not. */
  expectedTasks(): ReadonlySet<string> {
    return this.expected;
  }

  get fullyAcknowledged(): boolean {
    return this.acks.size === this.expected.size;
  }

  get numSubtasks(): number {
    return this.expected.size;
  }

  get stateSize(): number {
    let n = 0;
    for (const a of this.acks.values()) n += a.handle.size;
    return n;
  }

  get maxAlignmentMs(): number {
    let n = 0;
    for (const a of this.acks.values()) n = Math.max(n, a.alignmentMs);
    return n;
  }
}
