// Kafka -> word count -> Kafka, exactly-once.
//   npx stream-submit examples/kafka-wordcount.js --brokers 127.0.0.1:9092 --input lines --output word-counts
// Reads text lines from --input, counts words, and writes every updated count [word, n] to
// --output (keyed by the word) in Kafka transactions committed when their checkpoint
// completes: a read_committed consumer of --output sees each update exactly once, across
// failures and restarts. See docs/connectors-kafka.md.
import { KafkaRecordSerializationSchema, KafkaSink, KafkaSource, OffsetsInitializer, WatermarkStrategy } from 'sluice';

export default function (env, params) {
  const brokers = params.get('brokers', '127.0.0.1:9092');
  env.enableCheckpointing(params.getNumber('interval', 5000));
  const source = KafkaSource.builder()
    .setBootstrapServers(brokers)
    .setTopics(params.get('input', 'lines'))
    .setGroupId(params.get('group', 'kafka-wordcount'))
    .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetsInitializer.earliest()))
    .setValueOnlyDeserializer((value) => value.toString())
    .build();
  env
    .fromSource(source, WatermarkStrategy.noWatermarks(), 'lines')
    .uid('lines')
    .flatMap((line) => line.toLowerCase().split(/\W+/))
    .filter((word) => word.length > 0)
    .map((word) => [word, 1])
    .keyBy((pair) => pair[0])
    .sum(1)
    .uid('word-counts')
    .sinkTo(
      KafkaSink.builder()
        .setBootstrapServers(brokers)
        .setRecordSerializer(
          KafkaRecordSerializationSchema.builder()
            .setTopic(params.get('output', 'word-counts'))
            .setKeySerializer((pair) => pair[0])
            .setValueSerializer((pair) => JSON.stringify(pair))
            .build(),
        )
        .setDeliveryGuarantee('exactly-once')
        .setTransactionalIdPrefix(params.get('transactional-id-prefix', 'kafka-wordcount'))
        .build(),
    )
    .uid('word-count-sink');
}
