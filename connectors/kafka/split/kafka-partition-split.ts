/**
 * A Kafka partition as a split, with its position: the split and the offset checkpointed for
 * it are one small plain object (Flink's KafkaPartitionSplit). `offset` is the next offset to
 * read; `stoppingOffset` (bounded sources) the first offset not to read.
 */
export interface KafkaPartitionSplit {
  readonly splitId: string;
  readonly topic: string;
  readonly partition: number;
  offset: number;
  readonly stoppingOffset: number | null;
}

export function partitionSplitId(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

export function kafkaPartitionSplit(topic: string, partition: number, offset: number, stoppingOffset: number | null): KafkaPartitionSplit {
  return { splitId: partitionSplitId(topic, partition), topic, partition, offset, stoppingOffset };
}

/** A bounded split that has nothing left to read. */
export function isFinished(split: KafkaPartitionSplit): boolean {
  return split.stoppingOffset !== null && split.offset >= split.stoppingOffset;
}
