import { Kafka, logLevel, type Admin, type KafkaConfig, type LogEntry } from 'kafkajs';
import { InvalidArgumentError } from '../../common/errors';

/**
 * kafkajs clients for the connector, plus the two pieces of kafkajs (pinned at 2.2.4) that its
 * public API does not offer: a bare `Cluster` (metadata, leaders and brokers' protocol calls:
 * Fetch without a consumer group, since kafkajs consumers cannot be assigned partitions; and
 * EndTxn by producer id and epoch, for committing a transaction another process pre-committed)
 * and its transaction manager. Both are reached through kafkajs' own modules, never a
 * hand-rolled protocol; this file is the only place that knows where they are.
 */
export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface KafkaBroker {
  fetch(request: {
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: Array<{ topic: string; partitions: Array<{ partition: number; fetchOffset: string; maxBytes: number }> }>;
  }): Promise<{ responses: Array<{ topicName: string; partitions: FetchedPartition[] }> }>;
  endTxn(request: { producerId: number; producerEpoch: number; transactionalId: string; transactionResult: boolean }): Promise<unknown>;
  offsetCommit(request: { groupId: string; groupGenerationId: number; memberId: string; topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: string }> }> }): Promise<unknown>;
}

export interface FetchedPartition {
  partition: number;
  highWatermark: string;
  lastStableOffset?: string;
  abortedTransactions?: unknown[];
  messages: Array<{ offset: string; timestamp: string; key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | string | undefined>; isControlRecord?: boolean }>;
}

export interface KafkaCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(opts: { nodeId: string }): Promise<KafkaBroker>;
  findGroupCoordinator(opts: { groupId: string; coordinatorType?: number }): Promise<KafkaBroker>;
}

/** kafkajs' FindCoordinator key type for transaction coordinators. */
export const TRANSACTION_COORDINATOR = 1;

/**
 * Kafka's own retry discipline: exponential back-off from 300 ms, about half a minute in all,
 * after which the error reaches the task (and the restart strategy).
 */
export interface RetryPolicy {
  readonly retries: number;
  readonly initialRetryTime: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 7, initialRetryTime: 300 };

/** As many retries as fit in `timeoutMs` of back-off (from 300 ms, doubling up to 10 s): at least one. */
export function retryPolicyWithin(timeoutMs: number): RetryPolicy {
  let retries = 0;
  for (let spent = 0, wait = DEFAULT_RETRY.initialRetryTime; spent + wait <= timeoutMs; wait = Math.min(wait * 2, 10_000)) {
    spent += wait;
    retries++;
  }
  return { retries: Math.max(1, retries), initialRetryTime: DEFAULT_RETRY.initialRetryTime };
}

function kafkajsRetry(policy: RetryPolicy): { initialRetryTime: number; retries: number; maxRetryTime: number } {
  return { initialRetryTime: policy.initialRetryTime, retries: policy.retries, maxRetryTime: 10_000 };
}

export function createKafka(bootstrapServers: string, clientId: string, log: LogFn, overrides: Partial<KafkaConfig> = {}, retry: RetryPolicy = DEFAULT_RETRY): Kafka {
  return new Kafka({
    clientId,
    brokers: parseBootstrapServers(bootstrapServers),
    retry: kafkajsRetry(retry),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => log(entry.level <= logLevel.ERROR ? 'warn' : 'debug', `kafkajs ${entry.namespace}: ${entry.log.message}`),
    ...overrides,
  });
}

export function parseBootstrapServers(servers: string): string[] {
  const list = String(servers ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (list.length === 0 || list.some((s) => !/^[^:\s]+:\d+$/.test(s)))
    throw new InvalidArgumentError(`bootstrap servers must be a comma-separated host:port list, got '${servers}'`);
  return list;
}

/** A kafkajs Cluster built from the client's configuration (brokers, retries, timeouts, logging). */
export function createCluster(kafka: Kafka, opts: { isolationLevel?: number } = {}): KafkaCluster {
  const factory = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  if (!factory) throw new Error('kafkajs changed: Kafka has no cluster factory (Sluice pins kafkajs 2.2.4)');
  const create = (kafka as unknown as Record<symbol, (o: object) => KafkaCluster>)[factory]!;
  return create({ metadataMaxAge: 300_000, allowAutoTopicCreation: false, maxInFlightRequests: null, instrumentationEmitter: null, isolationLevel: opts.isolationLevel });
}

export interface TransactionManager {
  initProducerId(): Promise<void>;
  beginTransaction(): void;
  getProducerId(): number;
  getProducerEpoch(): number;
  isInTransaction(): boolean;
  abort(): Promise<void>;
  commit(): Promise<void>;
}

export interface MessageSender {
  sendBatch(batch: { acks: number; timeout?: number; topicMessages: Array<{ topic: string; messages: OutgoingMessage[] }> }): Promise<unknown>;
}

export interface OutgoingMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  partition?: number;
  timestamp?: string;
  headers?: Record<string, string | Buffer>;
}

/* eslint-disable @typescript-eslint/no-require-imports */
const createEosManager = require('kafkajs/src/producer/eosManager') as (o: object) => TransactionManager;
const createMessageProducer = require('kafkajs/src/producer/messageProducer') as (o: object) => MessageSender;
const createRetry = require('kafkajs/src/retry') as (o: object) => unknown;
const { DefaultPartitioner } = require('kafkajs/src/producer/partitioners') as { DefaultPartitioner: () => unknown };
const { CONNECTION_STATUS } = require('kafkajs/src/network/connectionStatus') as { CONNECTION_STATUS: { CONNECTED: string } };
const createLogger = require('kafkajs/src/loggers').createLogger as (o: object) => unknown;

/**
 * A transactional producer whose producer id and epoch are visible (kafkajs' producer keeps
 * them private): kafkajs' own transaction manager and message producer over one cluster.
 */
export function createTransactionalProducer(kafka: Kafka, transactionalId: string, transactionTimeoutMs: number, log: LogFn, retry: RetryPolicy = DEFAULT_RETRY): { cluster: KafkaCluster; transactions: TransactionManager; sender: MessageSender } {
  const cluster = createCluster(kafka);
  const logger = createLogger({ level: logLevel.WARN, logCreator: () => (entry: LogEntry) => log(entry.level <= logLevel.ERROR ? 'warn' : 'debug', `kafkajs ${entry.namespace}: ${entry.log.message}`) });
  const transactions = createEosManager({ logger, cluster, transactionTimeout: transactionTimeoutMs, transactional: true, transactionalId });
  const sender = createMessageProducer({
    logger,
    cluster,
    partitioner: DefaultPartitioner(),
    eosManager: transactions,
    idempotent: true,
    retrier: createRetry(kafkajsRetry(retry)),
    getConnectionStatus: () => CONNECTION_STATUS.CONNECTED,
  });
  return { cluster, transactions, sender };
}

export async function withAdmin<T>(kafka: Kafka, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
