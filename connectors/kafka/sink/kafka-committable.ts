/**
 * A pre-committed transaction, as the checkpoint stores it between the writer (which flushed it
 * on the barrier) and the committer (which commits it on checkpoint-complete, and again after a
 * restore). The producer id and epoch are what Kafka's transaction coordinator checks an EndTxn
 * against: whoever holds them can finish the transaction, from any process.
 */
export interface KafkaCommittable {
  readonly transactionalId: string;
  readonly producerId: number;
  readonly epoch: number;
}

/** Flink's naming: one transactional id per subtask per checkpoint, so ids never collide across subtasks or checkpoints. */
export function transactionalIdFor(prefix: string, subtaskIndex: number, checkpointId: number): string {
  return `${prefix}-${subtaskIndex}-${checkpointId}`;
}
