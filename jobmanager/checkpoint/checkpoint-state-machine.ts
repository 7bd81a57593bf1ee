import { StateMachine } from '../../common/state-machine';

/**
 * The JobManager's view of one checkpoint or savepoint.
 *
 * - PENDING: triggered, collecting one acknowledgement per subtask.
 * - COMPLETING: every subtask acknowledged; the metadata (and the HA store's pointer) is being
 *   written. Late declines no longer count: every task already holds its snapshot.
 * - COMPLETED: restorable; the tasks are told (sinks commit).
 * - DECLINED: a task could not take its snapshot.
 * - EXPIRED: not every subtask acknowledged within the checkpoint timeout.
 * - FAILED: Sluice could not trigger it or write it (an RPC, the enumerators, storage, HA).
 * - ABORTED: abandoned because the job stopped, restarted or was cancelled; not counted
 *   against the tolerable failures.
 */
export type CheckpointState = 'PENDING' | 'COMPLETING' | 'COMPLETED' | 'DECLINED' | 'EXPIRED' | 'FAILED' | 'ABORTED';

/** The ways a checkpoint ends without completing. */
export type CheckpointFailure = Extract<CheckpointState, 'DECLINED' | 'EXPIRED' | 'FAILED' | 'ABORTED'>;

export const CHECKPOINT_STATES: readonly CheckpointState[] = ['PENDING', 'COMPLETING', 'COMPLETED', 'DECLINED', 'EXPIRED', 'FAILED', 'ABORTED'];

/** Every allowed checkpoint transition, in one place. */
export const CHECKPOINT_TRANSITIONS: Readonly<Record<CheckpointState, readonly CheckpointState[]>> = {
  PENDING: ['COMPLETING', 'DECLINED', 'EXPIRED', 'FAILED', 'ABORTED'],
  COMPLETING: ['COMPLETED', 'FAILED', 'ABORTED'],
  COMPLETED: [],
  DECLINED: [],
  EXPIRED: [],
  FAILED: [],
  ABORTED: [],
};

export function isTerminalCheckpointState(state: CheckpointState): boolean {
  return CHECKPOINT_TRANSITIONS[state].length === 0;
}

export function createCheckpointStateMachine(name: string, now: () => number = Date.now): StateMachine<CheckpointState> {
  return new StateMachine<CheckpointState>(name, 'PENDING', CHECKPOINT_TRANSITIONS, now);
}
