// Original file: proto/sluice.proto

export const OutputKind = {
  /**
   * the TaskManager's log lines (its Logger and its slot workers')
   */
  log: 'log',
  /**
   * what its tasks printed (print() sinks)
   */
  stdout: 'stdout',
} as const;

export type OutputKindInput =
  /**
   * the TaskManager's log lines (its Logger and its slot workers')
   */
  | 'log'
  | 0
  /**
   * what its tasks printed (print() sinks)
   */
  | 'stdout'
  | 1

export type OutputKind = typeof OutputKind[keyof typeof OutputKind]
