import type { CommitterContext, SinkWriterContext, TwoPhaseCommittingSink } from '../../api/connector/sink';
import { KafkaRecordSerializationSchema } from './kafka-record-serialization-schema';
import { KafkaSinkBuilder } from './kafka-sink-builder';
import type { KafkaCommittable } from './sink/kafka-committable';
import { KafkaCommitter } from './sink/kafka-committer';
import { checkTransactionTimeout, type KafkaSinkConfig } from './sink/kafka-sink-config';
import { KafkaWriter } from './sink/kafka-writer';

/**
 * Writes to Kafka: `stream.sinkTo(KafkaSink.builder()...build())`, with delivery guarantee
 * `none`, `at-least-once` or `exactly-once` (Kafka transactions committed on
 * checkpoint-complete; DESIGN.md §3 "Connectors").
 */
export class KafkaSink<T> implements TwoPhaseCommittingSink<T, KafkaCommittable> {
  /** @internal use KafkaSink.builder() */
  constructor(
    readonly config: KafkaSinkConfig,
    private readonly schema: KafkaRecordSerializationSchema<T>,
  ) {}

  static builder<T = unknown>(): KafkaSinkBuilder<T> {
    return new KafkaSinkBuilder<T>((config, schema) => new KafkaSink(config, schema));
  }

  createWriter(context: SinkWriterContext): KafkaWriter<T> {
    return new KafkaWriter(this.config, this.schema, context);
  }

  createCommitter(context: CommitterContext): KafkaCommitter {
    return new KafkaCommitter(this.config, context);
  }

  /** Checked at submit: exactly-once needs checkpoints and a transaction timeout longer than their interval. */
  checkJobConfig(job: { checkpointIntervalMs: number | null }): void {
    checkTransactionTimeout(this.config, job.checkpointIntervalMs);
  }
}
