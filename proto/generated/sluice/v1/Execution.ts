// Original file: proto/sluice.proto


// Original file: proto/sluice.proto

/**
 * The state of one execution attempt of a subtask (Flink's ExecutionState).
 */
export const _sluice_v1_Execution_State = {
  CREATED: 'CREATED',
  SCHEDULED: 'SCHEDULED',
  DEPLOYING: 'DEPLOYING',
  RUNNING: 'RUNNING',
  FINISHED: 'FINISHED',
  CANCELING: 'CANCELING',
  CANCELED: 'CANCELED',
  FAILED: 'FAILED',
} as const;

/**
 * The state of one execution attempt of a subtask (Flink's ExecutionState).
 */
export type _sluice_v1_Execution_StateInput =
  | 'CREATED'
  | 0
  | 'SCHEDULED'
  | 1
  | 'DEPLOYING'
  | 2
  | 'RUNNING'
  | 3
  | 'FINISHED'
  | 4
  | 'CANCELING'
  | 5
  | 'CANCELED'
  | 6
  | 'FAILED'
  | 7

/**
 * The state of one execution attempt of a subtask (Flink's ExecutionState).
 */
export type _sluice_v1_Execution_State = typeof _sluice_v1_Execution_State[keyof typeof _sluice_v1_Execution_State]

export interface ExecutionInput {
}

export interface Execution {
}
