import { SluiceError, errorMessage, type ErrorDomain } from '../../common/errors';

/**
 * A Kafka failure with the cause a user can act on. `retryable` errors (broker unreachable,
 * leader moving) fail the task only after the client's own retries with back-off ran out; the
 * restart strategy then restores from the last checkpoint, so nothing is lost.
 */
export class KafkaConnectorError extends SluiceError {
  constructor(message: string, opts: { domain: ErrorDomain; retryable: boolean; cause?: unknown }) {
    super('CONNECTOR_FAILURE', message, opts);
  }
}

interface KafkaJsErrorShape {
  name?: string;
  type?: string;
  message?: string;
  retriable?: boolean;
  originalError?: unknown;
  cause?: unknown;
}

/** The innermost kafkajs error: "number of retries exceeded" wraps the one that says what happened. */
function rootCause(err: unknown): KafkaJsErrorShape {
  let e = err as KafkaJsErrorShape;
  for (let i = 0; i < 5 && e && (e.originalError || (e.name === 'KafkaJSNumberOfRetriesExceeded' && e.cause)); i++) e = (e.originalError ?? e.cause) as KafkaJsErrorShape;
  return e ?? {};
}

/** Turns what kafkajs threw while doing `what` against `servers` into one clear error. */
export function kafkaError(err: unknown, what: string, servers: string): KafkaConnectorError {
  if (err instanceof KafkaConnectorError) return err;
  const root = rootCause(err);
  const type = root.type ?? '';
  const detail = root.message ?? errorMessage(err);
  if (type.endsWith('AUTHORIZATION_FAILED'))
    return new KafkaConnectorError(`Kafka denied ${what} (${type}): grant the job's principal access on ${servers}`, { domain: 'user', retryable: false, cause: err });
  if (type === 'UNKNOWN_TOPIC_OR_PARTITION')
    return new KafkaConnectorError(`Kafka at ${servers} has no such topic or partition while ${what}: create the topic first (or check its name)`, { domain: 'user', retryable: true, cause: err });
  if (type === 'INVALID_TRANSACTION_TIMEOUT')
    return new KafkaConnectorError(`Kafka at ${servers} refused the transaction timeout while ${what}: set 'transaction.timeout.ms' at most the broker's transaction.max.timeout.ms`, { domain: 'user', retryable: false, cause: err });
  if (root.name === 'KafkaJSConnectionError' || root.name === 'KafkaJSBrokerNotFound' || root.name === 'KafkaJSRequestTimeoutError' || /ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|Connection timeout|Closed connection/i.test(detail))
    return new KafkaConnectorError(`Kafka at ${servers} is unreachable while ${what}: ${detail}`, { domain: 'external', retryable: true, cause: err });
  return new KafkaConnectorError(`Kafka failed while ${what}: ${type ? `${type}: ` : ''}${detail}`, { domain: 'external', retryable: root.retriable ?? true, cause: err });
}
