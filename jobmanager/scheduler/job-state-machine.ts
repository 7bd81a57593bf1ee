import { StateMachine } from '../../common/state-machine';

import { JobState } from '../../proto/messages';

/** Flink's job states, as sluice.proto declares them (Job.State). */
export type { JobState };

export const JOB_STATES: readonly JobState[] = Object.values(JobState);

/**
 * Every allowed job transition, in one place.
 *
 * - CREATED: waiting for slots. RUNNING once deployment starts (Flink's semantics).
 * - A failure the restart strategy cannot recover goes RUNNING/CREATED → FAILING → FAILED;
 *   a recoverable one goes → RESTARTING → CREATED (a new execution attempt) → RUNNING.
 * - A user's cancel wins over a failure in progress: FAILING/RESTARTING → CANCELLING.
 */
export const JOB_TRANSITIONS: Readonly<Record<JobState, readonly JobState[]>> = {
  CREATED: ['RUNNING', 'FAILING', 'RESTARTING', 'CANCELLING'],
  RUNNING: ['FINISHED', 'FAILING', 'RESTARTING', 'CANCELLING'],
  FAILING: ['FAILED', 'CANCELLING'],
  RESTARTING: ['CREATED', 'FAILED', 'CANCELLING'],
  CANCELLING: ['CANCELED'],
  CANCELED: [],
  FAILED: [],
  FINISHED: [],
};

export function isTerminalJobState(state: JobState): boolean {
  return JOB_TRANSITIONS[state].length === 0;
}

export function createJobStateMachine(jobId: string, now: () => number = Date.now): StateMachine<JobState> {
  return new StateMachine<JobState>(`Job ${jobId}`, 'CREATED', JOB_TRANSITIONS, now);
}
