// Original file: proto/sluice.proto

/**
 * How an edge distributes records to the consumer's subtasks (the names are the job graph's).
 */
export const Partitioner = {
  /**
   * subtask i to subtask i (equal parallelism)
   */
  forward: 'forward',
  /**
   * by key group of the key selector's result
   */
  hash: 'hash',
  /**
   * round robin
   */
  rebalance: 'rebalance',
  /**
   * every record to every subtask
   */
  broadcast: 'broadcast',
} as const;

/**
 * How an edge distributes records to the consumer's subtasks (the names are the job graph's).
 */
export type PartitionerInput =
  /**
   * subtask i to subtask i (equal parallelism)
   */
  | 'forward'
  | 0
  /**
   * by key group of the key selector's result
   */
  | 'hash'
  | 1
  /**
   * round robin
   */
  | 'rebalance'
  | 2
  /**
   * every record to every subtask
   */
  | 'broadcast'
  | 3

/**
 * How an edge distributes records to the consumer's subtasks (the names are the job graph's).
 */
export type Partitioner = typeof Partitioner[keyof typeof Partitioner]
