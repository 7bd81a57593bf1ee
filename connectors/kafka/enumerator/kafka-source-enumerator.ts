import type { Kafka } from 'kafkajs';
import type { SplitEnumerator, SplitEnumeratorContext } from '../../../api/connector/source';
import { createKafka, retryPolicyWithin, withAdmin } from '../kafka-client';
import { kafkaError } from '../kafka-connector-error';
import type { KafkaSourceConfig } from '../kafka-source-config';
import type { OffsetsSpec } from '../offsets-initializer';
import { kafkaPartitionSplit, partitionSplitId, type KafkaPartitionSplit } from '../split/kafka-partition-split';
import { resolveOffsets } from './offsets-resolver';

/** What the enumerator checkpoints (Flink's KafkaSourceEnumState). */
export interface KafkaSourceEnumState {
  /** Partitions handed to a reader: their offsets live in the readers' checkpointed splits. */
  readonly assignedPartitions: string[];
  /** Discovered, resolved, not yet handed out (their reader had not registered). */
  readonly pendingSplits: KafkaPartitionSplit[];
  readonly initialDiscoveryFinished: boolean;
}

interface Discovery {
  readonly splits: KafkaPartitionSplit[];
}

/**
 * Runs in the JobManager. Discovers the partitions of the topics (or of every topic matching
 * the pattern) at start and then every `partition.discovery.interval.ms`, resolves where each
 * new one starts and stops, and assigns each partition to one reader — always the same one for
 * a given parallelism (Flink's owner formula), so a partition never has two readers. Partitions
 * found after the first discovery (new partitions, new matching topics) start at the earliest
 * offset: everything in them is new to this job.
 */
export class KafkaSourceEnumerator implements SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> {
  private readonly known: Set<string>;
  private readonly assigned: Set<string>;
  private readonly pending = new Map<number, KafkaPartitionSplit[]>();
  private initialDiscoveryFinished: boolean;
  private readonly noMoreSplitsSignalled = new Set<number>();
  private readonly kafka: Kafka;

  constructor(
    private readonly context: SplitEnumeratorContext<KafkaPartitionSplit>,
    private readonly config: KafkaSourceConfig,
    private readonly bounded: boolean,
    restored?: KafkaSourceEnumState,
  ) {
    this.assigned = new Set(restored?.assignedPartitions ?? []);
    this.known = new Set([...this.assigned, ...(restored?.pendingSplits ?? []).map((s) => s.splitId)]);
    this.initialDiscoveryFinished = restored?.initialDiscoveryFinished ?? false;
    for (const split of restored?.pendingSplits ?? []) this.addPending(split);
    // Discovery retries for retry.timeout.ms, as the readers do: a missing topic or an
    // unreachable broker at start fails the job (restart strategy) after that, not after kafkajs' default.
    this.kafka = createKafka(config.bootstrapServers, `${config.clientIdPrefix}-enumerator`, () => undefined, {}, retryPolicyWithin(config.retryTimeoutMs));
  }

  start(): void {
    const period = this.config.partitionDiscoveryIntervalMs;
    this.context.callAsync(
      () => this.discover(),
      (result, error) => this.handleDiscovery(result, error),
      0,
      period > 0 && !this.bounded ? period : undefined,
    );
  }

  handleSplitRequest(): void {}

  addSplitsBack(splits: KafkaPartitionSplit[]): void {
    // Splits a failed reader got since the last completed checkpoint: that checkpoint does not
    // have them in any reader's state, so they go out again as they were assigned.
    for (const split of splits) {
      this.assigned.delete(split.splitId);
      this.addPending(split);
    }
  }

  addReader(subtaskId: number): void {
    this.noMoreSplitsSignalled.delete(subtaskId);
    this.assignPending();
  }

  snapshotState(): KafkaSourceEnumState {
    return {
      assignedPartitions: [...this.assigned],
      pendingSplits: [...this.pending.values()].flat().map((s) => ({ ...s })),
      initialDiscoveryFinished: this.initialDiscoveryFinished,
    };
  }

  close(): void {}

  /** Off the enumerator's thread of control: metadata and offsets from the brokers. */
  private async discover(): Promise<Discovery> {
    const { config } = this;
    return withAdmin(this.kafka, async (admin) => {
      let topics: string[];
      if (config.topicPattern) {
        const pattern = new RegExp(config.topicPattern.source, config.topicPattern.flags.replace('g', ''));
        topics = (await admin.listTopics()).filter((t) => pattern.test(t) && !t.startsWith('__'));
      } else topics = [...config.topics!];
      if (topics.length === 0) return { splits: [] };
      const metadata = await admin.fetchTopicMetadata({ topics });
      const fresh = new Map<string, number[]>();
      for (const topic of metadata.topics)
        for (const p of topic.partitions) if (!this.known.has(partitionSplitId(topic.name, p.partitionId))) fresh.set(topic.name, [...(fresh.get(topic.name) ?? []), p.partitionId]);
      const starting: OffsetsSpec = this.initialDiscoveryFinished ? { kind: 'earliest' } : config.startingOffsets;
      const splits: KafkaPartitionSplit[] = [];
      for (const [topic, partitions] of fresh) {
        const start = await resolveOffsets(admin, starting, topic, partitions, config.groupId);
        const stop = config.stoppingOffsets ? await resolveOffsets(admin, config.stoppingOffsets, topic, partitions, config.groupId) : null;
        for (const partition of partitions) splits.push(kafkaPartitionSplit(topic, partition, start.get(partition)!, stop ? stop.get(partition)! : null));
      }
      return { splits };
    }).catch((err) => {
      throw kafkaError(err, `discovering the partitions of ${config.topicPattern ? `topics matching /${config.topicPattern.source}/` : config.topics!.join(', ')}`, config.bootstrapServers);
    });
  }

  private handleDiscovery(result: Discovery | undefined, error: Error | undefined): void {
    if (error) {
      // The first discovery must succeed (the source cannot start without partitions and
      // offsets): rethrowing fails the job through the restart strategy. Later ones retry at the
      // next interval; the partitions already assigned keep being read.
      if (!this.initialDiscoveryFinished) throw error;
      return;
    }
    for (const split of result!.splits) {
      if (this.known.has(split.splitId)) continue;
      this.known.add(split.splitId);
      this.addPending(split);
    }
    this.initialDiscoveryFinished = true;
    this.assignPending();
  }

  private addPending(split: KafkaPartitionSplit): void {
    const owner = partitionOwner(split.topic, split.partition, this.context.currentParallelism());
    this.pending.set(owner, [...(this.pending.get(owner) ?? []), split]);
  }

  private assignPending(): void {
    const readers = this.context.registeredReaders();
    const assignment = new Map<number, KafkaPartitionSplit[]>();
    for (const [owner, splits] of this.pending) {
      if (!readers.has(owner) || splits.length === 0) continue;
      assignment.set(owner, splits);
      for (const s of splits) this.assigned.add(s.splitId);
      this.pending.delete(owner);
    }
    if (assignment.size > 0) this.context.assignSplits(assignment);
    // A bounded source has all its partitions after the first discovery.
    if (this.bounded && this.initialDiscoveryFinished)
      for (const reader of readers.keys())
        if (!this.pending.has(reader) && !this.noMoreSplitsSignalled.has(reader)) {
          this.noMoreSplitsSignalled.add(reader);
          this.context.signalNoMoreSplits(reader);
        }
  }
}

/** Flink's KafkaSourceEnumerator.getSplitOwner: topics spread their partition 0 over readers. */
export function partitionOwner(topic: string, partition: number, parallelism: number): number {
  const start = (Math.imul(javaStringHash(topic), 31) & 0x7fffffff) % parallelism;
  return (start + partition) % parallelism;
}

function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}
