// Kafka -> keyed running count -> Kafka, exactly-once. Input values are keys; for every input
// record the job writes [key, count so far] (key as the Kafka key) in a transaction that
// commits when its checkpoint completes; with --file-output DIR, to an exactly-once FileSink.
import { FileSink, KafkaRecordSerializationSchema, KafkaSink, KafkaSource, OffsetsInitializer, WatermarkStrategy } from 'sluice';

export default function (env, params) {
  env.setParallelism(params.getNumber('parallelism', 2));
  env.enableCheckpointing(params.getNumber('interval', 500));
  env.getCheckpointConfig().setTolerableCheckpointFailureNumber(1000);
  env.setRestartStrategy({ type: 'fixed-delay', attempts: 1000, delayMs: params.getNumber('restart-delay', 300) });
  const brokers = params.get('brokers');
  const builder = KafkaSource.builder()
    .setBootstrapServers(brokers)
    .setGroupId(params.get('group'))
    .setStartingOffsets(OffsetsInitializer.earliest())
    .setValueOnlyDeserializer((value) => value.toString())
    .setProperty('partition.discovery.interval.ms', params.getNumber('discovery', 1000))
    .setProperty('retry.timeout.ms', params.getNumber('retry-timeout', 60000));
  if (params.has('pattern')) builder.setTopicPattern(new RegExp(params.get('pattern')));
  else builder.setTopics(params.get('input'));
  const counts = env
    .fromSource(builder.build(), WatermarkStrategy.noWatermarks(), 'kafka-input')
    .uid('source')
    .map((key) => [key, 1])
    .uid('pairs')
    .keyBy((pair) => pair[0])
    .sum(1)
    .uid('counts');
  // --file-output DIR: an exactly-once FileSink instead (tests of the source alone).
  if (params.has('file-output')) {
    counts.sinkTo(FileSink.forRowFormat(params.get('file-output'))).uid('file-sink');
    return;
  }
  counts
    .sinkTo(
      KafkaSink.builder()
        .setBootstrapServers(brokers)
        .setRecordSerializer(
          KafkaRecordSerializationSchema.builder()
            .setTopic(params.get('output'))
            .setKeySerializer((r) => r[0])
            .setValueSerializer((r) => JSON.stringify(r))
            .build(),
        )
        .setDeliveryGuarantee('exactly-once')
        .setTransactionalIdPrefix(params.get('prefix'))
        .setProperty('retries', params.getNumber('sink-retries', 7))
        .setProperty('transaction.timeout.ms', params.getNumber('transaction-timeout', 900000))
        .build(),
    )
    .uid('sink');
}
