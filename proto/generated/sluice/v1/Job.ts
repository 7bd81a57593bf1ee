// Original file: proto/sluice.proto


// Original file: proto/sluice.proto

/**
 * Flink's job states.
 */
export const _sluice_v1_Job_State = {
  CREATED: 'CREATED',
  RUNNING: 'RUNNING',
  FAILING: 'FAILING',
  RESTARTING: 'RESTARTING',
  CANCELLING: 'CANCELLING',
  CANCELED: 'CANCELED',
  FAILED: 'FAILED',
  FINISHED: 'FINISHED',
} as const;

/**
 * Flink's job states.
 */
export type _sluice_v1_Job_StateInput =
  | 'CREATED'
  | 0
  | 'RUNNING'
  | 1
  | 'FAILING'
  | 2
  | 'RESTARTING'
  | 3
  | 'CANCELLING'
  | 4
  | 'CANCELED'
  | 5
  | 'FAILED'
  | 6
  | 'FINISHED'
  | 7

/**
 * Flink's job states.
 */
export type _sluice_v1_Job_State = typeof _sluice_v1_Job_State[keyof typeof _sluice_v1_Job_State]

export interface JobInput {
}

export interface Job {
}
