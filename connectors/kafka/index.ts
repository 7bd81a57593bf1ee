/** The Kafka connector: what `import { KafkaSource, KafkaSink, ... } from 'sluice'` gives. */
export { KafkaSource } from './kafka-source';
export { KafkaSourceBuilder } from './kafka-source-builder';
export { KafkaSink } from './kafka-sink';
export { KafkaSinkBuilder } from './kafka-sink-builder';
export { KafkaRecordSerializationSchema, KafkaRecordSerializationSchemaBuilder } from './kafka-record-serialization-schema';
export { OffsetsInitializer } from './offsets-initializer';
export { KafkaConnectorError } from './kafka-connector-error';
export type { KafkaRecord } from './kafka-source-config';
export type { KafkaPartitionSplit } from './split/kafka-partition-split';
export type { KafkaCommittable } from './sink/kafka-committable';
export type { DeliveryGuarantee } from './sink/kafka-sink-config';
