import { StateMachine } from '../../../common/state-machine';
import type { CheckpointRequest } from './task-checkpointer';

/**
 * The task side of checkpointing, as one explicit state machine (the way barrier-aligner.ts
 * handles alignment): what a trigger, an aligned barrier, the end of input and the
 * coordinator's complete/abort notifications do in each state.
 *
 * RUNNING ──snapshot with barrier (stop)──▶ STOPPING(n) ──n completed──▶ FINISHED
 *    │                                          └──n aborted──▶ RUNNING (the job goes on)
 *    ├──end of input, checkpointing on──▶ END_OF_DATA ──final/stop trigger n──▶ FINISHING_ON(n)
 *    │                                                     FINISHING_ON(n) ──m ≥ n completed──▶ FINISHED
 *    │                                                     FINISHING_ON(n) ──n aborted──▶ END_OF_DATA
 *    └──end of input, checkpointing off──▶ FINISHED
 *
 * Records are processed only in RUNNING. A task past end of data takes part in checkpoints
 * directly (no barrier reaches it any more) and sends no barrier on. After a stop-with-savepoint
 * barrier nothing is processed until the savepoint completes (sinks commit, the task finishes)
 * or is aborted (the task resumes).
 */
export type CheckpointProtocolState = 'RUNNING' | 'STOPPING' | 'END_OF_DATA' | 'FINISHING_ON' | 'FINISHED';

const TRANSITIONS: Record<CheckpointProtocolState, readonly CheckpointProtocolState[]> = {
  RUNNING: ['STOPPING', 'END_OF_DATA', 'FINISHED'],
  STOPPING: ['RUNNING', 'FINISHED'],
  END_OF_DATA: ['FINISHING_ON', 'FINISHED'],
  FINISHING_ON: ['FINISHING_ON', 'END_OF_DATA', 'FINISHED'],
  FINISHED: [],
};

/** What the protocol asks of its task: one narrow interface. */
export interface CheckpointProtocolHandler {
  /** Take the subtask's snapshot now; send the barrier downstream when `sendBarrier`. */
  snapshot(request: CheckpointRequest, sendBarrier: boolean): void;
  /** The checkpoint cannot be taken in this state. */
  decline(checkpointId: number, reason: string): void;
  /** A source task: queue the trigger in the mailbox, so it is taken between two polls. */
  enqueueTrigger(request: ProtocolTrigger): void;
  /** All input processed and flushed: the JobManager learns it (it then sends final triggers). */
  reportEndOfData(): void;
  /** Processing may go on again (a stop-with-savepoint was aborted). */
  resume(): void;
  /** Clean up and report FINISHED. */
  finish(): void;
}

export interface ProtocolTrigger extends CheckpointRequest {
  /** Every task's input ended: this checkpoint's completion finishes the task. */
  finalCheckpoint: boolean;
  drain: boolean;
}

export class TaskCheckpointProtocol {
  private readonly machine: StateMachine<CheckpointProtocolState>;
  /** STOPPING / FINISHING_ON: the checkpoint whose completion finishes the task. */
  private awaited = -1;
  /**
   * The latest checkpoint this task took a snapshot of. A task reaching end of data gets the
   * triggers of checkpoints in flight again (the JobManager re-sends those it has no
   * acknowledgement for), and a snapshot still completing asynchronously has none yet: a second
   * snapshot of it would pre-commit twice (an exactly-once Kafka sink re-initialised the
   * transaction it had just pre-committed, fencing it: its records were lost).
   */
  private lastSnapshot = -1;

  constructor(
    name: string,
    readonly isSource: boolean,
    /** Periodic checkpointing is on: exactly-once sinks commit only with a final checkpoint. */
    private readonly checkpointing: boolean,
    private readonly handler: CheckpointProtocolHandler,
  ) {
    this.machine = new StateMachine<CheckpointProtocolState>(`checkpoint protocol of ${name}`, 'RUNNING', TRANSITIONS);
  }

  get state(): CheckpointProtocolState {
    return this.machine.state;
  }

  /** Records may be processed (not stopping, not past end of data). */
  get canProcess(): boolean {
    return this.machine.state === 'RUNNING';
  }

  /** Stopping with a savepoint, and `checkpointId` is that savepoint. */
  isStoppingOn(checkpointId: number): boolean {
    return this.machine.state === 'STOPPING' && checkpointId === this.awaited;
  }

  get isPastEndOfData(): boolean {
    const s = this.machine.state;
    return s === 'END_OF_DATA' || s === 'FINISHING_ON';
  }

  /** The coordinator's trigger (to source tasks, and to every task past end of data). */
  onTrigger(trigger: ProtocolTrigger): void {
    switch (this.machine.state) {
      case 'RUNNING':
        // Other tasks take the checkpoint when its barriers are aligned on their inputs.
        if (this.isSource) this.handler.enqueueTrigger(trigger);
        return;
      case 'END_OF_DATA':
      case 'FINISHING_ON':
        if (trigger.checkpointId > this.lastSnapshot) this.takeSnapshot(trigger, false);
        if (trigger.finalCheckpoint || trigger.stop) {
          this.awaited = trigger.checkpointId;
          this.machine.transition('FINISHING_ON');
        }
        return;
      case 'STOPPING':
        this.handler.decline(trigger.checkpointId, 'a stop-with-savepoint is in progress');
        return;
      case 'FINISHED':
        this.handler.decline(trigger.checkpointId, 'the task has finished');
        return;
    }
  }

  /**
   * The task takes a checkpoint in its stream: a source between two polls (from its mailbox),
   * a task with inputs when the barriers are aligned. With `stop`, nothing follows the barrier.
   */
  onBarrier(request: CheckpointRequest): void {
    if (this.machine.state !== 'RUNNING') {
      this.handler.decline(request.checkpointId, `the task is ${this.machine.state}`);
      return;
    }
    if (request.checkpointId <= this.lastSnapshot) return; // taken already (see lastSnapshot)
    this.takeSnapshot(request, true);
    if (request.stop) {
      this.awaited = request.checkpointId;
      this.machine.transition('STOPPING');
    }
  }

  private takeSnapshot(request: CheckpointRequest, sendBarrier: boolean): void {
    this.lastSnapshot = request.checkpointId;
    this.handler.snapshot(request, sendBarrier);
  }

  /** Every operator ended its input and every buffer left: the task's data is complete. */
  onEndOfInput(): void {
    if (this.machine.state !== 'RUNNING') return;
    if (!this.checkpointing) {
      this.machine.transition('FINISHED');
      this.handler.finish();
      return;
    }
    this.machine.transition('END_OF_DATA');
    this.handler.reportEndOfData();
  }

  /** Called after the operators committed for the checkpoint. */
  onCheckpointComplete(checkpointId: number): void {
    const s = this.machine.state;
    if ((s === 'STOPPING' && checkpointId === this.awaited) || (s === 'FINISHING_ON' && checkpointId >= this.awaited)) {
      this.machine.transition('FINISHED');
      this.handler.finish();
    }
  }

  onCheckpointAborted(checkpointId: number): void {
    if (checkpointId !== this.awaited) return;
    const s = this.machine.state;
    if (s === 'STOPPING') {
      this.machine.transition('RUNNING');
      this.handler.resume();
    } else if (s === 'FINISHING_ON') {
      this.machine.transition('END_OF_DATA');
    }
  }
}
