/**
 * How an edge distributes records to the consumer's subtasks: the names the API's
 * partitioning calls produce (keyBy → 'hash', rebalance, broadcast, forward). sluice.proto's
 * Partitioner enum is the one definition; it is re-exported here so that api/, which knows
 * only common/, can name it.
 */
export { PartitionerKind } from '../proto/messages';
