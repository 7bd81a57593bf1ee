// The Kafka benchmark's job: a bounded KafkaSource (up to the offsets at start) -> map ->
// exactly-once KafkaSink. The map is the one bench/kafka-bench.ts's bare kafkajs loop applies.
import { KafkaRecordSerializationSchema, KafkaSink, KafkaSource, OffsetsInitializer, WatermarkStrategy } from 'sluice';

export default function (env, params) {
  env.enableCheckpointing(params.getNumber('interval', 1000));
  const brokers = params.get('brokers');
  const source = KafkaSource.builder()
    .setBootstrapServers(brokers)
    .setTopics(params.get('input'))
    .setStartingOffsets(OffsetsInitializer.earliest())
    .setBounded(OffsetsInitializer.latest())
    .setValueOnlyDeserializer((value) => value.toString())
    .build();
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'kafka-input')
    .map((value) => value.toUpperCase())
    .sinkTo(
      KafkaSink.builder()
        .setBootstrapServers(brokers)
        .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(params.get('output')).setValueSerializer((v) => v).build())
        .setDeliveryGuarantee('exactly-once')
        .setTransactionalIdPrefix(params.get('prefix'))
        .build(),
    );
}
