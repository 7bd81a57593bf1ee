import { InvalidArgumentError } from '../../common/errors';
import { parseBootstrapServers } from './kafka-client';
import { KafkaRecordSerializationSchema } from './kafka-record-serialization-schema';
import type { KafkaSink } from './kafka-sink';
import { normalizeSinkProperties, type DeliveryGuarantee, type KafkaSinkConfig } from './sink/kafka-sink-config';

const GUARANTEES: readonly DeliveryGuarantee[] = ['none', 'at-least-once', 'exactly-once'];

/** Flink's KafkaSinkBuilder. Required: bootstrap servers and a record serializer; exactly-once also a transactional id prefix. */
export class KafkaSinkBuilder<T> {
  private bootstrapServers: string | null = null;
  private schema: KafkaRecordSerializationSchema<T> | null = null;
  private guarantee: DeliveryGuarantee = 'none';
  private prefix: string | null = null;
  private readonly properties = new Map<string, string>();

  /** @internal */
  constructor(private readonly make: (config: KafkaSinkConfig, schema: KafkaRecordSerializationSchema<T>) => KafkaSink<T>) {}

  setBootstrapServers(servers: string): this {
    parseBootstrapServers(servers);
    this.bootstrapServers = servers;
    return this;
  }

  setRecordSerializer(schema: KafkaRecordSerializationSchema<T>): this {
    if (!(schema instanceof KafkaRecordSerializationSchema)) throw new InvalidArgumentError('KafkaSink.setRecordSerializer(schema): expected KafkaRecordSerializationSchema.builder()...build()');
    this.schema = schema;
    return this;
  }

  /** 'none' (default), 'at-least-once' (every barrier waits for Kafka's acks) or 'exactly-once' (transactions). */
  setDeliveryGuarantee(guarantee: DeliveryGuarantee): this {
    if (!GUARANTEES.includes(guarantee)) throw new InvalidArgumentError(`KafkaSink.setDeliveryGuarantee(g): expected one of ${GUARANTEES.join(', ')}, got '${guarantee}'`);
    this.guarantee = guarantee;
    return this;
  }

  /**
   * Exactly-once: transactional ids are `<prefix>-<subtask>-<checkpoint>`. The prefix must be
   * unique per job on the cluster: a job aborts the open transactions under its prefix on start.
   */
  setTransactionalIdPrefix(prefix: string): this {
    if (typeof prefix !== 'string' || prefix.length === 0) throw new InvalidArgumentError('KafkaSink.setTransactionalIdPrefix(prefix): expected a non-empty string');
    this.prefix = prefix;
    return this;
  }

  setProperty(key: string, value: string | number | boolean): this {
    this.properties.set(key, String(value));
    return this;
  }

  build(): KafkaSink<T> {
    if (!this.bootstrapServers) throw new InvalidArgumentError('KafkaSink: call setBootstrapServers("host:port,...") before build()');
    if (!this.schema) throw new InvalidArgumentError('KafkaSink: call setRecordSerializer(KafkaRecordSerializationSchema.builder()...build()) before build()');
    if (this.guarantee === 'exactly-once' && !this.prefix) throw new InvalidArgumentError("KafkaSink: setDeliveryGuarantee('exactly-once') needs setTransactionalIdPrefix(prefix), unique to this job");
    return this.make({ bootstrapServers: this.bootstrapServers, deliveryGuarantee: this.guarantee, transactionalIdPrefix: this.prefix, ...normalizeSinkProperties(this.properties, this.prefix) }, this.schema);
  }
}
