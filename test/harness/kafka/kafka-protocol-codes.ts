/**
 * Kafka protocol numbers the test broker's fault injection takes (TestKafka.injectErrors and
 * friends): API keys of the requests to fail, and the error codes to fail them with, as the
 * Kafka protocol defines them (kafka.apache.org/protocol#protocol_api_keys, #protocol_error_codes).
 */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  FindCoordinator: 10,
  InitProducerId: 22,
  AddPartitionsToTxn: 24,
  AddOffsetsToTxn: 25,
  EndTxn: 26,
} as const;

export const ErrorCode = {
  /** librdkafka's own code: the test broker drops the connection after the request took effect. */
  ConnectionLost: -195,
  UnknownTopicOrPartition: 3,
  NotLeaderForPartition: 6,
  CoordinatorNotAvailable: 15,
  TopicAuthorizationFailed: 29,
  GroupAuthorizationFailed: 30,
  ClusterAuthorizationFailed: 31,
  TransactionalIdAuthorizationFailed: 53,
} as const;
