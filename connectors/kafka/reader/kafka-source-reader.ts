import type { Kafka } from 'kafkajs';
import type { InputStatus, ReaderOutput, SourceOutput, SourceReader, SourceReaderContext } from '../../../api/connector/source';
import { createCluster, createKafka, type KafkaCluster } from '../kafka-client';
import { kafkaError } from '../kafka-connector-error';
import type { KafkaDeserializer, KafkaRecord, KafkaSourceConfig } from '../kafka-source-config';
import type { KafkaPartitionSplit } from '../split/kafka-partition-split';
import { MAX_QUEUED_PER_SPLIT, SplitFetcher, type SplitState } from './split-fetcher';

/** Records per split per poll: a batch large enough to amortize the poll, small enough for barriers to pass. */
const PER_SPLIT_PER_POLL = 1_000;
/** Checkpoints whose offsets wait for checkpoint-complete to be committed to the group. */
const MAX_PENDING_COMMITS = 16;

interface ReadingSplit extends SplitState {
  output: SourceOutput<unknown> | null;
}

/**
 * Reads all its partitions, fairly: each poll emits up to a batch from every split that has
 * records, each through its split's output (per-partition watermarks), with the record's Kafka
 * timestamp as event time. A split's checkpointed position is the offset of the next record
 * it has not emitted. On checkpoint-complete the offsets of that checkpoint are committed to
 * the consumer group — for monitoring (lag) only: on restore, the checkpoint's offsets are used.
 */
export class KafkaSourceReader<T> implements SourceReader<T, KafkaPartitionSplit> {
  private readonly splits = new Map<string, ReadingSplit>();
  private readonly kafka: Kafka;
  private readonly fetcher: SplitFetcher;
  private noMoreSplits = false;
  private wakeReader: (() => void) | null = null;
  private dataArrived = false;
  private readonly pendingCommits = new Map<number, KafkaPartitionSplit[]>();
  private commitCluster: KafkaCluster | null = null;

  constructor(
    private readonly config: KafkaSourceConfig,
    private readonly deserializer: KafkaDeserializer<T>,
    private readonly context: SourceReaderContext,
  ) {
    const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => context.log(level, message);
    this.kafka = createKafka(config.bootstrapServers, `${config.clientIdPrefix}-${context.subtaskIndex}`, log);
    this.fetcher = new SplitFetcher(this.kafka, config, this.splits, () => this.signal(), log);
  }

  start(): void {
    this.fetcher.start();
  }

  addSplits(splits: KafkaPartitionSplit[]): void {
    for (const s of splits) {
      const split = { ...s };
      this.splits.set(split.splitId, { split, fetchOffset: split.offset, chunks: [], queued: 0, removed: false, output: null });
    }
    this.fetcher.wake();
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signal();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    const failure = this.fetcher.error;
    if (failure) throw failure;
    this.dataArrived = false;
    let emitted = 0;
    let starved = false;
    for (const state of this.splits.values()) {
      // Every assigned partition has its output from the first poll, so an empty partition holds
      // the reader's watermark back as in Flink (WatermarkStrategy.withIdleness lets it go).
      state.output ??= output.createOutputForSplit(state.split.splitId) as SourceOutput<unknown>;
      const before = state.queued;
      if (state.chunks.length > 0) emitted += this.emit(state, output);
      if (before >= MAX_QUEUED_PER_SPLIT && state.queued < MAX_QUEUED_PER_SPLIT) starved = true;
      const stop = state.split.stoppingOffset;
      if (stop !== null && state.split.offset >= stop) {
        state.removed = true;
        this.splits.delete(state.split.splitId);
        if (state.output) output.releaseOutputForSplit(state.split.splitId);
      }
    }
    if (starved) this.fetcher.wake();
    if (this.splits.size === 0) {
      if (this.noMoreSplits) return 'END_OF_INPUT';
      output.markIdle();
      return 'NOTHING_AVAILABLE';
    }
    for (const state of this.splits.values()) if (state.chunks.length > 0) return 'MORE_AVAILABLE';
    return emitted > 0 || this.dataArrived ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
  }

  isAvailable(): Promise<void> {
    if (this.dataArrived || this.fetcher.error) return Promise.resolve();
    return new Promise((resolve) => (this.wakeReader = resolve));
  }

  snapshotState(checkpointId: number): KafkaPartitionSplit[] {
    const splits = [...this.splits.values()].map((s) => ({ ...s.split }));
    if (this.config.commitOffsetsOnCheckpoint) {
      this.pendingCommits.set(checkpointId, splits);
      for (const id of this.pendingCommits.keys()) if (this.pendingCommits.size > MAX_PENDING_COMMITS) this.pendingCommits.delete(id);
    }
    return splits;
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    const splits = this.pendingCommits.get(checkpointId);
    for (const id of this.pendingCommits.keys()) if (id <= checkpointId) this.pendingCommits.delete(id);
    if (!splits || splits.length === 0 || this.config.groupId === null) return;
    try {
      await this.commitToGroup(this.config.groupId, splits);
    } catch (err) {
      // Monitoring only: a failed commit loses nothing (the checkpoint has the offsets).
      this.context.log('warn', kafkaError(err, `committing offsets of checkpoint ${checkpointId} to group ${this.config.groupId}`, this.config.bootstrapServers).message);
    }
  }

  async close(): Promise<void> {
    await this.fetcher.close();
    await this.commitCluster?.disconnect().catch(() => undefined);
  }

  /** One batch of a split's queued records, deserialized and emitted through its split output. */
  private emit(state: ReadingSplit, output: ReaderOutput<T>): number {
    const out = (state.output ??= output.createOutputForSplit(state.split.splitId) as SourceOutput<unknown>) as SourceOutput<T>;
    const { topic, partition, stoppingOffset } = state.split;
    const stop = stoppingOffset ?? Infinity;
    const deserializer = this.deserializer;
    let budget = PER_SPLIT_PER_POLL;
    let emitted = 0;
    while (budget > 0 && state.chunks.length > 0) {
      const chunk = state.chunks[0]!;
      const messages = chunk.messages;
      let i = chunk.index;
      const end = Math.min(messages.length, i + budget);
      for (; i < end; i++) {
        const m = messages[i]!;
        const offset = Number(m.offset);
        if (offset >= stop) break;
        const timestamp = Number(m.timestamp);
        const value =
          deserializer.kind === 'value'
            ? deserializer.fn(m.value)
            : deserializer.fn({ topic, partition, offset, timestamp, key: m.key, value: m.value, headers: m.headers ?? {} } satisfies KafkaRecord);
        if (value !== undefined) out.collect(value, timestamp);
        state.split.offset = offset + 1;
      }
      const taken = i - chunk.index;
      emitted += taken;
      budget -= taken;
      state.queued -= taken;
      chunk.index = i;
      if (i < messages.length && Number(messages[i]!.offset) >= stop) {
        state.split.offset = stop;
        state.queued -= messages.length - i;
        state.chunks.length = 0;
        break;
      }
      if (i >= messages.length) {
        state.chunks.shift();
        if (chunk.endOffset > state.split.offset) state.split.offset = Math.min(chunk.endOffset, stop);
      }
    }
    return emitted;
  }

  private async commitToGroup(groupId: string, splits: KafkaPartitionSplit[]): Promise<void> {
    if (!this.commitCluster) {
      this.commitCluster = createCluster(this.kafka);
      await this.commitCluster.connect();
    }
    const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
    for (const s of splits) byTopic.set(s.topic, [...(byTopic.get(s.topic) ?? []), { partition: s.partition, offset: String(s.offset) }]);
    const coordinator = await this.commitCluster.findGroupCoordinator({ groupId });
    // Generation -1 and no member id: a commit outside group membership, as Flink's source makes.
    await coordinator.offsetCommit({ groupId, groupGenerationId: -1, memberId: '', topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) });
  }

  private signal(): void {
    this.dataArrived = true;
    const wake = this.wakeReader;
    this.wakeReader = null;
    wake?.();
  }
}
