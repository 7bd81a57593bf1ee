import { InvalidArgumentError } from '../../common/errors';
import { parseBootstrapServers } from './kafka-client';
import { normalizeSourceProperties, type KafkaDeserializer, type KafkaRecord, type KafkaSourceConfig } from './kafka-source-config';
import type { KafkaSource } from './kafka-source';
import { OffsetsInitializer } from './offsets-initializer';

/**
 * Flink's KafkaSourceBuilder. Required: bootstrap servers and topics (or a pattern); the
 * default deserializer turns values into UTF-8 strings. Every mistake is reported by `build()`
 * (or by the setter) with what to do instead.
 */
export class KafkaSourceBuilder<T> {
  private bootstrapServers: string | null = null;
  private topics: string[] | null = null;
  private topicPattern: RegExp | null = null;
  private groupId: string | null = null;
  private starting = OffsetsInitializer.earliest();
  private stopping: OffsetsInitializer | null = null;
  private deserializer: KafkaDeserializer<unknown> = { kind: 'value', fn: (v) => (v === null ? null : v.toString('utf8')) };
  private readonly properties = new Map<string, string>();

  /** @internal */
  constructor(private readonly make: (config: KafkaSourceConfig, deserializer: KafkaDeserializer<T>) => KafkaSource<T>) {}

  /** A comma-separated host:port list. */
  setBootstrapServers(servers: string): this {
    parseBootstrapServers(servers);
    this.bootstrapServers = servers;
    return this;
  }

  /** One topic or a list of them. */
  setTopics(topics: string | readonly string[]): this {
    const list = typeof topics === 'string' ? [topics] : [...topics];
    if (list.length === 0 || list.some((t) => typeof t !== 'string' || t.length === 0)) throw new InvalidArgumentError('KafkaSource.setTopics(topics): expected a topic name or a non-empty list of them');
    this.topics = list;
    this.topicPattern = null;
    return this;
  }

  /** Every topic whose name matches, including topics created while the job runs (found at each partition discovery). */
  setTopicPattern(pattern: RegExp): this {
    if (!(pattern instanceof RegExp)) throw new InvalidArgumentError('KafkaSource.setTopicPattern(pattern): expected a RegExp such as /^input-/');
    this.topicPattern = pattern;
    this.topics = null;
    return this;
  }

  setGroupId(groupId: string): this {
    if (typeof groupId !== 'string' || groupId.length === 0) throw new InvalidArgumentError('KafkaSource.setGroupId(id): expected a non-empty string');
    this.groupId = groupId;
    return this;
  }

  /** Where partitions start when the job does not restore from a checkpoint (default: earliest). */
  setStartingOffsets(initializer: OffsetsInitializer): this {
    if (!(initializer instanceof OffsetsInitializer)) throw new InvalidArgumentError('KafkaSource.setStartingOffsets(x): expected OffsetsInitializer.earliest(), .latest(), .committedOffsets(fallback) or .timestamp(ms)');
    this.starting = initializer;
    return this;
  }

  /** Makes the source bounded: each partition ends at these offsets (resolved when the partition is discovered). */
  setBounded(stopping: OffsetsInitializer): this {
    if (!(stopping instanceof OffsetsInitializer)) throw new InvalidArgumentError('KafkaSource.setBounded(x): expected an OffsetsInitializer such as OffsetsInitializer.latest()');
    this.stopping = stopping;
    return this;
  }

  /** Each record's value (a Buffer, or null for a tombstone) becomes one element; return undefined to drop it. */
  setValueOnlyDeserializer<R>(fn: (value: Buffer | null) => R | undefined): KafkaSourceBuilder<R> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('KafkaSource.setValueOnlyDeserializer(fn): expected a function (value) => element');
    this.deserializer = { kind: 'value', fn };
    return this as unknown as KafkaSourceBuilder<R>;
  }

  /** Each whole record (key, value, headers, topic, partition, offset, timestamp) becomes one element; return undefined to drop it. */
  setDeserializer<R>(fn: (record: KafkaRecord) => R | undefined): KafkaSourceBuilder<R> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('KafkaSource.setDeserializer(fn): expected a function (record) => element');
    this.deserializer = { kind: 'record', fn };
    return this as unknown as KafkaSourceBuilder<R>;
  }

  /** A source property, e.g. 'partition.discovery.interval.ms' (docs/connectors-kafka.md lists them). */
  setProperty(key: string, value: string | number | boolean): this {
    this.properties.set(key, String(value));
    return this;
  }

  build(): KafkaSource<T> {
    if (!this.bootstrapServers) throw new InvalidArgumentError('KafkaSource: call setBootstrapServers("host:port,...") before build()');
    if (!this.topics && !this.topicPattern) throw new InvalidArgumentError('KafkaSource: call setTopics(...) or setTopicPattern(/.../) before build()');
    const bounded = this.stopping !== null;
    const config: KafkaSourceConfig = {
      bootstrapServers: this.bootstrapServers,
      topics: this.topics,
      topicPattern: this.topicPattern ? { source: this.topicPattern.source, flags: this.topicPattern.flags } : null,
      groupId: this.groupId,
      startingOffsets: this.starting.spec,
      stoppingOffsets: this.stopping?.spec ?? null,
      ...normalizeSourceProperties(this.properties, bounded, this.groupId),
    };
    if (config.startingOffsets.kind === 'committed' && config.groupId === null) throw new InvalidArgumentError('KafkaSource: OffsetsInitializer.committedOffsets() needs setGroupId(id)');
    return this.make(config, this.deserializer as KafkaDeserializer<T>);
  }
}
