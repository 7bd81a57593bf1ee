import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from '../../api/connector/source';
import { KafkaSourceEnumerator, type KafkaSourceEnumState } from './enumerator/kafka-source-enumerator';
import { KafkaSourceBuilder } from './kafka-source-builder';
import type { KafkaDeserializer, KafkaSourceConfig } from './kafka-source-config';
import { KafkaSourceReader } from './reader/kafka-source-reader';
import type { KafkaPartitionSplit } from './split/kafka-partition-split';

/**
 * Reads Kafka topics: `env.fromSource(KafkaSource.builder()...build(), strategy, name)`.
 * Partitions are splits, discovered by an enumerator in the JobManager and read by the tasks;
 * their offsets are checkpointed and are the truth on restore (DESIGN.md §3 "Connectors").
 */
export class KafkaSource<T> implements Source<T, KafkaPartitionSplit, KafkaSourceEnumState> {
  /** @internal use KafkaSource.builder() */
  constructor(
    readonly config: KafkaSourceConfig,
    private readonly deserializer: KafkaDeserializer<T>,
  ) {}

  static builder<T = string>(): KafkaSourceBuilder<T> {
    return new KafkaSourceBuilder<T>((config, deserializer) => new KafkaSource(config, deserializer));
  }

  getBoundedness(): Boundedness {
    return this.config.stoppingOffsets ? 'bounded' : 'unbounded';
  }

  createEnumerator(context: SplitEnumeratorContext<KafkaPartitionSplit>): SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
    return new KafkaSourceEnumerator(context, this.config, this.getBoundedness() === 'bounded');
  }

  restoreEnumerator(context: SplitEnumeratorContext<KafkaPartitionSplit>, state: KafkaSourceEnumState): SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
    return new KafkaSourceEnumerator(context, this.config, this.getBoundedness() === 'bounded', state);
  }

  createReader(context: SourceReaderContext): SourceReader<T, KafkaPartitionSplit> {
    return new KafkaSourceReader(this.config, this.deserializer, context);
  }
}
