import type { Kafka } from 'kafkajs';
import { createTransactionalProducer, type KafkaCluster, type RetryPolicy, type LogFn, type MessageSender, type OutgoingMessage, type TransactionManager } from '../kafka-client';
import { kafkaError } from '../kafka-connector-error';
import type { KafkaCommittable } from './kafka-committable';

/**
 * One Kafka transaction under one transactional id: initialising it (InitProducerId) bumps the
 * id's epoch, which fences any older producer still using the id and aborts its open transaction.
 */
export class KafkaTransaction {
  private hasRecords = false;

  private constructor(
    readonly transactionalId: string,
    private readonly cluster: KafkaCluster,
    private readonly transactions: TransactionManager,
    private readonly sender: MessageSender,
    private readonly servers: string,
  ) {}

  static async open(kafka: Kafka, servers: string, transactionalId: string, timeoutMs: number, log: LogFn, retry: RetryPolicy): Promise<KafkaTransaction> {
    const { cluster, transactions, sender } = createTransactionalProducer(kafka, transactionalId, timeoutMs, log, retry);
    try {
      await cluster.connect();
      await transactions.initProducerId();
      transactions.beginTransaction();
    } catch (err) {
      await cluster.disconnect().catch(() => undefined);
      throw kafkaError(err, `initialising transactional id ${transactionalId}`, servers);
    }
    return new KafkaTransaction(transactionalId, cluster, transactions, sender, servers);
  }

  /** The epoch InitProducerId gave: 0 means the id had never been used. */
  get epoch(): number {
    return this.transactions.getProducerEpoch();
  }

  async send(topicMessages: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    this.hasRecords = true;
    try {
      await this.sender.sendBatch({ acks: -1, topicMessages });
    } catch (err) {
      throw kafkaError(err, `writing to ${topicMessages.map((t) => t.topic).join(', ')} in transaction ${this.transactionalId}`, this.servers);
    }
  }

  /** What the committer needs to commit this transaction later, from anywhere; null when it holds nothing. */
  committable(): KafkaCommittable | null {
    if (!this.hasRecords) return null;
    return { transactionalId: this.transactionalId, producerId: this.transactions.getProducerId(), epoch: this.transactions.getProducerEpoch() };
  }

  async abort(): Promise<void> {
    if (this.hasRecords && this.transactions.isInTransaction()) await this.transactions.abort().catch(() => undefined);
  }

  /** Leaves the transaction as it is (open, pre-committed) and closes the connections. */
  async release(): Promise<void> {
    await this.cluster.disconnect().catch(() => undefined);
  }
}
