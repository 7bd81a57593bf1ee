import { StateMachine } from '../../common/state-machine';
import { TaskState } from '../../proto/messages';

export type ExecutionState = TaskState;

export const EXECUTION_STATES: readonly ExecutionState[] = Object.values(TaskState);

/**
 * Every allowed transition of one execution (a subtask attempt), in one place.
 *
 * CREATED → SCHEDULED (slot assigned) → DEPLOYING (DeployTask sent) → RUNNING → FINISHED.
 * A TaskManager may report FINISHED straight from DEPLOYING (a short task), and a task that
 * was asked to cancel may still finish or fail before it sees the request.
 */
export const EXECUTION_TRANSITIONS: Readonly<Record<ExecutionState, readonly ExecutionState[]>> = {
  CREATED: ['SCHEDULED', 'CANCELED', 'FAILED'],
  SCHEDULED: ['DEPLOYING', 'CANCELED', 'FAILED'],
  DEPLOYING: ['RUNNING', 'FINISHED', 'CANCELING', 'CANCELED', 'FAILED'],
  RUNNING: ['FINISHED', 'CANCELING', 'CANCELED', 'FAILED'],
  CANCELING: ['CANCELED', 'FINISHED', 'FAILED'],
  FINISHED: [],
  CANCELED: [],
  FAILED: [],
};

export function isTerminalExecutionState(state: ExecutionState): boolean {
  return EXECUTION_TRANSITIONS[state].length === 0;
}

export function isExecutionState(s: string): s is ExecutionState {
  return (EXECUTION_STATES as readonly string[]).includes(s);
}

export function createExecutionStateMachine(name: string, now: () => number = Date.now): StateMachine<ExecutionState> {
  return new StateMachine<ExecutionState>(name, 'CREATED', EXECUTION_TRANSITIONS, now);
}
