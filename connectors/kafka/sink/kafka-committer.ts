import type { Kafka } from 'kafkajs';
import type { CommitRequest, Committer, CommitterContext } from '../../../api/connector/sink';
import { testFaultPoint } from '../../../common/test-fault-hook';
import { createCluster, createKafka, TRANSACTION_COORDINATOR, type KafkaCluster } from '../kafka-client';
import { KafkaConnectorError, kafkaError } from '../kafka-connector-error';
import type { KafkaCommittable } from './kafka-committable';
import type { KafkaSinkConfig } from './kafka-sink-config';

/** Errors meaning the transaction can no longer be committed: it was aborted (timeout) or its id re-initialised. */
const LOST = new Set(['INVALID_PRODUCER_EPOCH', 'PRODUCER_FENCED', 'INVALID_TXN_STATE', 'INVALID_PRODUCER_ID_MAPPING', 'UNKNOWN_PRODUCER_ID']);

/**
 * Commits pre-committed transactions on checkpoint-complete, and again after a restore for the
 * committables in the restored checkpoint — even when the writer that pre-committed them is
 * gone (the TaskManager died between the checkpoint and its commit).
 *
 * kafkajs can only commit the transaction of the producer object that began it, so this is
 * Flink's "resume by producer id and epoch" done on kafkajs' protocol layer: an EndTxn(COMMIT)
 * to the id's transaction coordinator with the committable's producer id and epoch. Kafka
 * checks both against the id's current state: if nobody initialised the id since, the
 * transaction commits; committing again is success (Kafka answers a repeated EndTxn for a
 * completed commit with no error), which makes `commit` idempotent; if the id's epoch moved on
 * (the transaction timed out, or another producer initialised it), Kafka refuses with a fencing
 * error and the records are lost — reported as such, never ignored.
 */
export class KafkaCommitter implements Committer<KafkaCommittable> {
  private readonly kafka: Kafka;
  private cluster: KafkaCluster | null = null;

  constructor(
    private readonly config: KafkaSinkConfig,
    private readonly context: CommitterContext,
  ) {
    this.kafka = createKafka(config.bootstrapServers, `${config.clientIdPrefix}-committer-${context.subtaskIndex}`, (level, message) => context.log(level, message), {}, config.retry);
  }

  async commit(requests: CommitRequest<KafkaCommittable>[]): Promise<void> {
    for (const request of requests) {
      testFaultPoint('kafka-committer-before-commit', request.checkpointId);
      const { transactionalId, producerId, epoch } = request.committable;
      try {
        const cluster = await this.connected();
        const coordinator = await cluster.findGroupCoordinator({ groupId: transactionalId, coordinatorType: TRANSACTION_COORDINATOR });
        await coordinator.endTxn({ producerId, producerEpoch: epoch, transactionalId, transactionResult: true });
      } catch (err) {
        const type = (err as { type?: string }).type ?? '';
        if (LOST.has(type)) {
          request.signalFailedWithKnownReason(
            new KafkaConnectorError(
              `KafkaSink: transaction ${transactionalId} of checkpoint ${request.checkpointId} can no longer be committed (${type}): it was aborted by Kafka — most likely 'transaction.timeout.ms' (${this.config.transactionTimeoutMs} ms) passed before the job recovered — or another producer uses the same transactional id prefix; its records are lost`,
              { domain: 'external', retryable: false, cause: err },
            ),
          );
          continue;
        }
        const failure = kafkaError(err, `committing transaction ${transactionalId}`, this.config.bootstrapServers);
        if (failure.retryable) {
          this.context.log('warn', `${failure.message}; retrying`);
          request.retryLater();
        } else request.signalFailedWithUnknownReason(failure);
      }
    }
  }

  async close(): Promise<void> {
    await this.cluster?.disconnect().catch(() => undefined);
    this.cluster = null;
  }

  private async connected(): Promise<KafkaCluster> {
    if (!this.cluster) {
      const cluster = createCluster(this.kafka);
      await cluster.connect();
      this.cluster = cluster;
    }
    return this.cluster;
  }
}
