import { StateMachine } from '../../common/state-machine';
import type { TaskState } from '../../proto/messages';

/** A subtask's lifecycle inside a TaskManager. */
export type RuntimeTaskState = Extract<TaskState, 'DEPLOYING' | 'RUNNING' | 'FINISHED' | 'CANCELING' | 'CANCELED' | 'FAILED'>;

const TRANSITIONS: Record<RuntimeTaskState, readonly RuntimeTaskState[]> = {
  DEPLOYING: ['RUNNING', 'CANCELING', 'FAILED'],
  RUNNING: ['FINISHED', 'CANCELING', 'FAILED'],
  CANCELING: ['CANCELED', 'FAILED'],
  FINISHED: [],
  CANCELED: [],
  FAILED: [],
};

export function newTaskStateMachine(name: string): StateMachine<RuntimeTaskState> {
  return new StateMachine<RuntimeTaskState>(name, 'DEPLOYING', TRANSITIONS);
}

export function isTerminalTaskState(s: RuntimeTaskState): boolean {
  return s === 'FINISHED' || s === 'CANCELED' || s === 'FAILED';
}
