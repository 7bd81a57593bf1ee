import type { Kafka, Producer } from 'kafkajs';
import type { CommittingSinkWriter, SinkWriterContext } from '../../../api/connector/sink';
import { SluiceError } from '../../../common/errors';
import { createKafka, type LogFn, type OutgoingMessage } from '../kafka-client';
import { kafkaError } from '../kafka-connector-error';
import type { KafkaRecordSerializationSchema } from '../kafka-record-serialization-schema';
import { transactionalIdFor, type KafkaCommittable } from './kafka-committable';
import type { KafkaSinkConfig } from './kafka-sink-config';
import { KafkaTransaction } from './kafka-transaction';
import { SendQueue } from './send-queue';

/**
 * Writes a subtask's records to Kafka in batches (one send per `batch.size` records, several in
 * flight; see send-queue.ts). `at-least-once` waits for every send on the barrier; `exactly-once` writes into one
 * transaction per checkpoint, which the barrier flushes (pre-commit) and hands to the committer
 * as a committable, then opens the next one under the next checkpoint's transactional id.
 * `prepareCommit` cuts synchronously: records written after the call (after the barrier) go to
 * the next transaction even while the previous one is still being flushed.
 *
 * On start, an exactly-once writer first aborts what an earlier attempt may have left open:
 * the transactions named after checkpoints later than the restored one, for its own subtask
 * index and the indexes that map to it at this parallelism (`i + k * parallelism`), until it
 * meets an id that was never used (epoch 0). Initialising each id bumps its epoch, so a zombie
 * writer of an earlier attempt still holding one is fenced. The transaction recorded in the
 * restored checkpoint is not touched here: the committer commits it.
 */
export class KafkaWriter<T> implements CommittingSinkWriter<T, KafkaCommittable> {
  private readonly kafka: Kafka;
  private readonly log: LogFn;
  private producer: Producer | null = null;
  private producerReady: Promise<Producer> | null = null;
  /** Exactly-once: the open transaction (its initialisation may still be running). */
  private transaction: Promise<KafkaTransaction> | null = null;
  /** The checkpoint id the open transaction is named after. */
  private transactionCheckpointId = 0;
  private queue: SendQueue;

  constructor(
    private readonly config: KafkaSinkConfig,
    private readonly schema: KafkaRecordSerializationSchema<T>,
    private readonly context: SinkWriterContext,
  ) {
    this.log = (level, message) => context.log(level, message);
    this.kafka = createKafka(config.bootstrapServers, `${config.clientIdPrefix}-${context.subtaskIndex}`, this.log, {}, config.retry);
    if (config.deliveryGuarantee === 'exactly-once') {
      const first = (context.restoredCheckpointId ?? 0) + 1;
      this.transactionCheckpointId = first;
      this.transaction = this.abortLingering(first).then(() => this.openTransaction(first));
      this.transaction.catch(() => undefined); // surfaces through the queue's sends
      this.queue = this.transactionQueue(this.transaction);
    } else {
      this.queue = new SendQueue((batch) => this.sendPlain(batch), config.batchSize, (err) => kafkaError(err, 'writing', config.bootstrapServers));
    }
  }

  write(record: T): void {
    const r = this.schema.serialize(record);
    this.queue.push(r.topic, r.headers ? { key: r.key, value: r.value, headers: r.headers } : { key: r.key, value: r.value });
  }

  async flush(endOfInput: boolean): Promise<void> {
    if (this.config.deliveryGuarantee === 'none' && !endOfInput) return this.queue.nudge();
    await this.queue.drain();
  }

  prepareCommit(checkpointId: number): Promise<KafkaCommittable[]> {
    if (this.config.deliveryGuarantee !== 'exactly-once') return this.flush(false).then(() => []);
    // The next transaction is named after checkpointId + 1: opening an id already in use would
    // fence (abort) the transaction just pre-committed under it, losing its records.
    if (checkpointId + 1 <= this.transactionCheckpointId)
      return Promise.reject(new SluiceError('ILLEGAL_STATE', `KafkaSink: prepareCommit(${checkpointId}) after the transaction of checkpoint ${this.transactionCheckpointId} was opened: a checkpoint was pre-committed twice or out of order`));
    // The cut, synchronously: everything written so far belongs to the closing transaction.
    const closing = { transaction: this.transaction!, queue: this.queue };
    this.transactionCheckpointId = checkpointId + 1;
    this.transaction = this.openTransaction(checkpointId + 1);
    this.transaction.catch(() => undefined);
    this.queue = this.transactionQueue(this.transaction);
    return (async () => {
      await closing.queue.drain();
      const transaction = await closing.transaction;
      const committable = transaction.committable();
      await transaction.release();
      return committable ? [committable] : [];
    })();
  }

  async close(): Promise<void> {
    await this.queue.settle();
    if (this.transaction) {
      // Not pre-committed: nobody will commit it; aborting now spares read_committed consumers
      // the wait for its timeout.
      const open = await this.transaction.catch(() => null);
      await open?.abort();
      await open?.release();
    }
    await this.producer?.disconnect().catch(() => undefined);
  }

  private transactionQueue(transaction: Promise<KafkaTransaction>): SendQueue {
    return new SendQueue(async (batch) => (await transaction).send(batch), this.config.batchSize, (err) => kafkaError(err, 'writing in a transaction', this.config.bootstrapServers));
  }

  private async sendPlain(topicMessages: Array<{ topic: string; messages: OutgoingMessage[] }>): Promise<void> {
    const producer = await (this.producerReady ??= this.connectProducer());
    try {
      await producer.sendBatch({ topicMessages, acks: this.config.deliveryGuarantee === 'none' ? 1 : -1 });
    } catch (err) {
      throw kafkaError(err, `writing to ${topicMessages.map((t) => t.topic).join(', ')}`, this.config.bootstrapServers);
    }
  }

  private async connectProducer(): Promise<Producer> {
    const producer = this.kafka.producer({ idempotent: this.config.deliveryGuarantee === 'at-least-once', maxInFlightRequests: this.config.deliveryGuarantee === 'at-least-once' ? 1 : undefined, allowAutoTopicCreation: false });
    try {
      await producer.connect();
    } catch (err) {
      throw kafkaError(err, 'connecting the producer', this.config.bootstrapServers);
    }
    this.producer = producer;
    return producer;
  }

  private openTransaction(checkpointId: number): Promise<KafkaTransaction> {
    const id = transactionalIdFor(this.config.transactionalIdPrefix!, this.context.subtaskIndex, checkpointId);
    return KafkaTransaction.open(this.kafka, this.config.bootstrapServers, id, this.config.transactionTimeoutMs, this.log, this.config.retry);
  }

  private async abortLingering(firstCheckpointId: number): Promise<void> {
    const { subtaskIndex, parallelism } = this.context;
    for (let subtask = subtaskIndex; ; subtask += parallelism) {
      let aborted = 0;
      for (let checkpointId = firstCheckpointId; ; checkpointId++) {
        const id = transactionalIdFor(this.config.transactionalIdPrefix!, subtask, checkpointId);
        const probe = await KafkaTransaction.open(this.kafka, this.config.bootstrapServers, id, this.config.transactionTimeoutMs, this.log, this.config.retry);
        const used = probe.epoch > 0;
        await probe.release();
        if (!used) break;
        aborted++;
      }
      if (aborted > 0) this.log('info', `KafkaSink: aborted ${aborted} lingering transaction(s) of subtask ${subtask} after checkpoint ${firstCheckpointId - 1}`);
      // Ids of higher subtasks exist only if an earlier attempt ran at a higher parallelism:
      // the first one (after our own) that was never used ends the search.
      if (aborted === 0 && subtask !== subtaskIndex) break;
    }
  }

}
