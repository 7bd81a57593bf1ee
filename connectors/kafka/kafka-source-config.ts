import { InvalidArgumentError } from '../../common/errors';
import type { OffsetsSpec } from './offsets-initializer';

/** The record a full-record deserializer gets (`KafkaSourceBuilder.setDeserializer`). */
export interface KafkaRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** The record's Kafka timestamp, epoch ms; also the event timestamp the source emits. */
  readonly timestamp: number;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | string | undefined>>;
}

/** A record's value or the whole record becomes zero or one element (return `undefined` to drop it). */
export type KafkaDeserializer<T> = { readonly kind: 'value'; readonly fn: (value: Buffer | null) => T | undefined } | { readonly kind: 'record'; readonly fn: (record: KafkaRecord) => T | undefined };

/** What a KafkaSource was built with, normalized once (durations in ms). Plain data. */
export interface KafkaSourceConfig {
  readonly bootstrapServers: string;
  readonly topics: readonly string[] | null;
  readonly topicPattern: { readonly source: string; readonly flags: string } | null;
  readonly groupId: string | null;
  readonly startingOffsets: OffsetsSpec;
  readonly stoppingOffsets: OffsetsSpec | null;
  /** 0: no discovery after the first (the default for bounded sources). */
  readonly partitionDiscoveryIntervalMs: number;
  readonly readCommitted: boolean;
  readonly commitOffsetsOnCheckpoint: boolean;
  readonly clientIdPrefix: string;
  readonly fetchMaxWaitMs: number;
  readonly maxPartitionFetchBytes: number;
  /** How long a reader keeps retrying an unreachable broker before the task fails (restart strategy). */
  readonly retryTimeoutMs: number;
}

/** Source properties (Kafka consumer names where one exists) and their defaults. */
export const SOURCE_PROPERTIES: Readonly<Record<string, string>> = {
  'partition.discovery.interval.ms': '300000 for unbounded sources (Flink\'s default), 0 (off) for bounded ones',
  'isolation.level': 'read_committed | read_uncommitted (default read_committed)',
  'commit.offsets.on.checkpoint': 'true | false (default true when a group id is set)',
  'client.id.prefix': 'default: the group id, else sluice-kafka-source',
  'fetch.max.wait.ms': 'default 200',
  'max.partition.fetch.bytes': 'default 1048576',
  'retry.timeout.ms': 'how long an unreachable broker is retried before the task fails, default 60000',
};

function nonNegativeInt(key: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`KafkaSource property '${key}': expected a whole number >= 0, got '${value}'`);
  return n;
}

function bool(key: string, value: string): boolean {
  if (value !== 'true' && value !== 'false') throw new InvalidArgumentError(`KafkaSource property '${key}': expected true or false, got '${value}'`);
  return value === 'true';
}

export function normalizeSourceProperties(properties: ReadonlyMap<string, string>, bounded: boolean, groupId: string | null): Pick<KafkaSourceConfig, 'partitionDiscoveryIntervalMs' | 'readCommitted' | 'commitOffsetsOnCheckpoint' | 'clientIdPrefix' | 'fetchMaxWaitMs' | 'maxPartitionFetchBytes' | 'retryTimeoutMs'> {
  for (const key of properties.keys())
    if (!(key in SOURCE_PROPERTIES)) throw new InvalidArgumentError(`KafkaSource: unknown property '${key}'; supported: ${Object.keys(SOURCE_PROPERTIES).join(', ')}`);
  const get = (key: string) => properties.get(key);
  const isolation = get('isolation.level') ?? 'read_committed';
  if (isolation !== 'read_committed' && isolation !== 'read_uncommitted') throw new InvalidArgumentError(`KafkaSource property 'isolation.level': expected read_committed or read_uncommitted, got '${isolation}'`);
  const commit = get('commit.offsets.on.checkpoint');
  return {
    partitionDiscoveryIntervalMs: get('partition.discovery.interval.ms') !== undefined ? nonNegativeInt('partition.discovery.interval.ms', get('partition.discovery.interval.ms')!) : bounded ? 0 : 300_000,
    readCommitted: isolation === 'read_committed',
    commitOffsetsOnCheckpoint: commit !== undefined ? bool('commit.offsets.on.checkpoint', commit) && groupId !== null : groupId !== null,
    clientIdPrefix: get('client.id.prefix') ?? groupId ?? 'sluice-kafka-source',
    fetchMaxWaitMs: get('fetch.max.wait.ms') !== undefined ? nonNegativeInt('fetch.max.wait.ms', get('fetch.max.wait.ms')!) : 200,
    maxPartitionFetchBytes: get('max.partition.fetch.bytes') !== undefined ? Math.max(1024, nonNegativeInt('max.partition.fetch.bytes', get('max.partition.fetch.bytes')!)) : 1 << 20,
    retryTimeoutMs: get('retry.timeout.ms') !== undefined ? nonNegativeInt('retry.timeout.ms', get('retry.timeout.ms')!) : 60_000,
  };
}
