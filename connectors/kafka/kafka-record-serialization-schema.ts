import { InvalidArgumentError } from '../../common/errors';

type Bytes = string | Buffer;

/** One element as a Kafka record. */
export interface SerializedRecord {
  readonly topic: string;
  readonly key: Bytes | null;
  readonly value: Bytes | null;
  readonly headers?: Record<string, Bytes>;
}

/**
 * How a KafkaSink turns an element into a record (Flink's KafkaRecordSerializationSchema):
 * `KafkaRecordSerializationSchema.builder().setTopic('out').setValueSerializer((r) => JSON.stringify(r)).build()`.
 */
export class KafkaRecordSerializationSchema<T> {
  private constructor(
    /** A fixed topic, or one chosen per element. */
    readonly topic: string | ((element: T) => string),
    private readonly keySerializer: ((element: T) => Bytes | null) | null,
    private readonly valueSerializer: (element: T) => Bytes | null,
    private readonly headers: ((element: T) => Record<string, Bytes>) | null,
  ) {}

  static builder<T = unknown>(): KafkaRecordSerializationSchemaBuilder<T> {
    return new KafkaRecordSerializationSchemaBuilder<T>((topic, key, value, headers) => new KafkaRecordSerializationSchema<T>(topic, key, value, headers));
  }

  /** The topics this schema writes to, when they are fixed (for checks at start-up). */
  fixedTopic(): string | null {
    return typeof this.topic === 'string' ? this.topic : null;
  }

  serialize(element: T): SerializedRecord {
    const topic = typeof this.topic === 'string' ? this.topic : this.topic(element);
    return {
      topic,
      key: this.keySerializer ? this.keySerializer(element) : null,
      value: this.valueSerializer(element),
      ...(this.headers ? { headers: this.headers(element) } : {}),
    };
  }
}

export class KafkaRecordSerializationSchemaBuilder<T> {
  private topic: string | ((element: T) => string) | null = null;
  private key: ((element: T) => Bytes | null) | null = null;
  private value: ((element: T) => Bytes | null) | null = null;
  private headers: ((element: T) => Record<string, Bytes>) | null = null;

  /** @internal */
  constructor(private readonly make: (topic: string | ((e: T) => string), key: ((e: T) => Bytes | null) | null, value: (e: T) => Bytes | null, headers: ((e: T) => Record<string, Bytes>) | null) => KafkaRecordSerializationSchema<T>) {}

  /** The topic every record goes to, or a function choosing it per element (Flink's topic selector). */
  setTopic(topic: string | ((element: T) => string)): this {
    if (!(typeof topic === 'function' || (typeof topic === 'string' && topic.length > 0))) throw new InvalidArgumentError('KafkaRecordSerializationSchema.setTopic(topic): expected a topic name or a function (element) => topic');
    this.topic = topic;
    return this;
  }

  /** Optional; returns a string or a Buffer (records with equal keys go to the same partition). */
  setKeySerializer(fn: (element: T) => Bytes | null): this {
    if (typeof fn !== 'function') throw new InvalidArgumentError('KafkaRecordSerializationSchema.setKeySerializer(fn): expected a function (element) => string | Buffer');
    this.key = fn;
    return this;
  }

  /** Returns a string or a Buffer (null: a tombstone). */
  setValueSerializer(fn: (element: T) => Bytes | null): this {
    if (typeof fn !== 'function') throw new InvalidArgumentError('KafkaRecordSerializationSchema.setValueSerializer(fn): expected a function (element) => string | Buffer');
    this.value = fn;
    return this;
  }

  setHeaders(fn: (element: T) => Record<string, Bytes>): this {
    if (typeof fn !== 'function') throw new InvalidArgumentError('KafkaRecordSerializationSchema.setHeaders(fn): expected a function (element) => { name: value }');
    this.headers = fn;
    return this;
  }

  build(): KafkaRecordSerializationSchema<T> {
    if (!this.topic) throw new InvalidArgumentError('KafkaRecordSerializationSchema: call setTopic(topic) before build()');
    if (!this.value) throw new InvalidArgumentError('KafkaRecordSerializationSchema: call setValueSerializer(fn) before build()');
    return this.make(this.topic, this.key, this.value, this.headers);
  }
}
