import { InvalidArgumentError } from '../../../common/errors';
import { DEFAULT_RETRY, type RetryPolicy } from '../kafka-client';

export type DeliveryGuarantee = 'none' | 'at-least-once' | 'exactly-once';

/** What a KafkaSink was built with, normalized once. Plain data. */
export interface KafkaSinkConfig {
  readonly bootstrapServers: string;
  readonly deliveryGuarantee: DeliveryGuarantee;
  readonly transactionalIdPrefix: string | null;
  readonly transactionTimeoutMs: number;
  /** Records buffered before a send starts (between barriers). */
  readonly batchSize: number;
  readonly clientIdPrefix: string;
  /** Kafka client retries (exponential back-off) before a send, transaction call or commit fails the task. */
  readonly retry: RetryPolicy;
}

export const SINK_PROPERTIES: Readonly<Record<string, string>> = {
  'transaction.timeout.ms': 'exactly-once: how long Kafka keeps a transaction open; must exceed the checkpoint interval (default 900000, the broker\'s default maximum)',
  'batch.size': 'records per send, default 2000',
  'client.id.prefix': 'default: the transactional id prefix, else sluice-kafka-sink',
  retries: `retries of a failed request (broker unreachable, leader moving) before the task fails and the restart strategy takes over, default ${DEFAULT_RETRY.retries} (about 30 s)`,
  'retry.backoff.ms': `the first retry's back-off, doubling up to 10 s, default ${DEFAULT_RETRY.initialRetryTime}`,
};

export function normalizeSinkProperties(properties: ReadonlyMap<string, string>, prefix: string | null): Pick<KafkaSinkConfig, 'transactionTimeoutMs' | 'batchSize' | 'clientIdPrefix' | 'retry'> {
  for (const key of properties.keys())
    if (!(key in SINK_PROPERTIES)) throw new InvalidArgumentError(`KafkaSink: unknown property '${key}'; supported: ${Object.keys(SINK_PROPERTIES).join(', ')}`);
  const int = (key: string, fallback: number, min: number) => {
    const raw = properties.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`KafkaSink property '${key}': expected a whole number >= ${min}, got '${raw}'`);
    return n;
  };
  return {
    transactionTimeoutMs: int('transaction.timeout.ms', 900_000, 1_000),
    batchSize: int('batch.size', 2_000, 1),
    clientIdPrefix: properties.get('client.id.prefix') ?? prefix ?? 'sluice-kafka-sink',
    retry: { retries: int('retries', DEFAULT_RETRY.retries, 0), initialRetryTime: int('retry.backoff.ms', DEFAULT_RETRY.initialRetryTime, 1) },
  };
}

/**
 * Exactly-once needs checkpoints (transactions commit on checkpoint-complete) and a transaction
 * timeout longer than the checkpoint interval, or Kafka aborts transactions before their
 * checkpoint completes and their records are lost. Checked when the job is submitted.
 */
export function checkTransactionTimeout(config: KafkaSinkConfig, checkpointIntervalMs: number | null): void {
  if (config.deliveryGuarantee !== 'exactly-once') return;
  if (checkpointIntervalMs === null || checkpointIntervalMs <= 0)
    throw new InvalidArgumentError("KafkaSink with setDeliveryGuarantee('exactly-once') commits on checkpoints: enable them with env.enableCheckpointing(intervalMs)");
  if (config.transactionTimeoutMs <= checkpointIntervalMs)
    throw new InvalidArgumentError(
      `KafkaSink: 'transaction.timeout.ms' (${config.transactionTimeoutMs} ms) must be longer than the checkpoint interval (${checkpointIntervalMs} ms), or Kafka aborts transactions before their checkpoint completes; raise it with setProperty('transaction.timeout.ms', ...) (at most the broker's transaction.max.timeout.ms) or checkpoint more often`,
    );
}
