import type { Kafka } from 'kafkajs';
import { createCluster, type FetchedPartition, type KafkaCluster } from '../kafka-client';
import { kafkaError, type KafkaConnectorError } from '../kafka-connector-error';
import type { KafkaSourceConfig } from '../kafka-source-config';
import type { KafkaPartitionSplit } from '../split/kafka-partition-split';

/* eslint-disable @typescript-eslint/no-require-imports */
// kafkajs' own read_committed filtering (aborted transactions, control records).
const Batch = require('kafkajs/src/consumer/batch') as new (topic: string, fetchedOffset: string, data: FetchedPartition) => { messages: FetchedPartition['messages']; messagesWithinOffset: FetchedPartition['messages'] };

export type FetchedMessage = FetchedPartition['messages'][number];

/** Records fetched for a split and not yet emitted, with the offset reading continues at after them. */
export interface FetchedChunk {
  readonly messages: FetchedMessage[];
  index: number;
  /** Past the chunk's last record, including filtered ones (aborted, control records). */
  readonly endOffset: number;
}

/** A split being read: `split.offset` is the next offset to emit; `fetchOffset` the next to fetch. */
export interface SplitState {
  readonly split: KafkaPartitionSplit;
  fetchOffset: number;
  readonly chunks: FetchedChunk[];
  queued: number;
  removed: boolean;
}

/** Fetching stops for a split holding this many unemitted records (back-pressure reaches Kafka). */
export const MAX_QUEUED_PER_SPLIT = 20_000;
const STALE_METADATA = new Set(['NOT_LEADER_FOR_PARTITION', 'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'UNKNOWN_TOPIC_OR_PARTITION', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH', 'REPLICA_NOT_AVAILABLE']);

/**
 * One fetch loop per reader: every round sends one Fetch per leader broker for all the
 * reader's splits that have room (kafkajs' protocol layer, no consumer group: a split's owner
 * is decided by the enumerator, not by group rebalancing), and queues what comes back per
 * split. Broker failures are retried with exponential back-off for `retry.timeout.ms`; after
 * that the reader fails its task with the cause, and the restart strategy takes over.
 */
export class SplitFetcher {
  private readonly cluster: KafkaCluster;
  private connected = false;
  private readonly topics = new Set<string>();
  private closed = false;
  private failure: KafkaConnectorError | null = null;
  private failingSince: number | null = null;
  private backoffMs = 100;
  private demand: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly config: KafkaSourceConfig,
    private readonly states: Map<string, SplitState>,
    private readonly onData: () => void,
    private readonly log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void,
  ) {
    this.cluster = createCluster(kafka, { isolationLevel: config.readCommitted ? 1 : 0 });
  }

  /** Set once retries ran out or a failure no retry can help: the reader throws it from its next poll. */
  get error(): KafkaConnectorError | null {
    return this.failure;
  }

  wake(): void {
    const d = this.demand;
    this.demand = null;
    d?.();
  }

  start(): void {
    this.loop ??= this.run();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake();
    await this.loop?.catch(() => undefined);
    if (this.connected) await this.cluster.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (!this.closed && !this.failure) {
      const wanted = [...this.states.values()].filter((s) => !s.removed && s.queued < MAX_QUEUED_PER_SPLIT && (s.split.stoppingOffset === null || s.fetchOffset < s.split.stoppingOffset));
      if (wanted.length === 0) {
        await new Promise<void>((resolve) => (this.demand = resolve));
        continue;
      }
      try {
        await this.fetchOnce(wanted);
        this.failingSince = null;
        this.backoffMs = 100;
      } catch (err) {
        await this.recover(err, wanted);
      }
    }
  }

  private async fetchOnce(wanted: SplitState[]): Promise<void> {
    if (!this.connected) {
      await this.cluster.connect();
      this.connected = true;
    }
    const newTopics = [...new Set(wanted.map((s) => s.split.topic))].filter((t) => !this.topics.has(t));
    if (newTopics.length > 0) {
      await this.cluster.addMultipleTargetTopics([...this.topics, ...newTopics]);
      for (const t of newTopics) this.topics.add(t);
    }
    const byLeader = new Map<string, Map<string, SplitState[]>>();
    const byTopic = new Map<string, SplitState[]>();
    for (const s of wanted) byTopic.set(s.split.topic, [...(byTopic.get(s.split.topic) ?? []), s]);
    for (const [topic, states] of byTopic) {
      const leaders = this.cluster.findLeaderForPartitions(topic, states.map((s) => s.split.partition));
      for (const [leader, partitions] of Object.entries(leaders)) {
        const perTopic = byLeader.get(leader) ?? new Map<string, SplitState[]>();
        perTopic.set(topic, states.filter((s) => partitions.includes(s.split.partition)));
        byLeader.set(leader, perTopic);
      }
    }
    await Promise.all([...byLeader].map(([leader, perTopic]) => this.fetchFrom(leader, perTopic)));
  }

  private async fetchFrom(leader: string, perTopic: Map<string, SplitState[]>): Promise<void> {
    const broker = await this.cluster.findBroker({ nodeId: leader });
    const requested = new Map<string, SplitState>();
    const topics = [...perTopic].map(([topic, states]) => ({
      topic,
      partitions: states.map((s) => {
        requested.set(`${topic}\0${s.split.partition}`, s);
        return { partition: s.split.partition, fetchOffset: String(s.fetchOffset), maxBytes: this.config.maxPartitionFetchBytes };
      }),
    }));
    const { responses } = await broker.fetch({ isolationLevel: this.config.readCommitted ? 1 : 0, maxWaitTime: this.config.fetchMaxWaitMs, minBytes: 1, maxBytes: 50 << 20, topics });
    let got = false;
    for (const { topicName, partitions } of responses)
      for (const data of partitions) {
        const state = requested.get(`${topicName}\0${data.partition}`);
        if (!state || state.removed) continue;
        const batch = new Batch(topicName, String(state.fetchOffset), data);
        const raw = batch.messagesWithinOffset;
        if (raw.length === 0) continue;
        const endOffset = Number(raw[raw.length - 1]!.offset) + 1;
        state.fetchOffset = endOffset;
        state.chunks.push({ messages: batch.messages, index: 0, endOffset });
        state.queued += batch.messages.length;
        got = true;
      }
    if (got) this.onData();
  }

  private async recover(err: unknown, wanted: SplitState[]): Promise<void> {
    if (this.closed) return;
    const type = (err as { type?: string }).type ?? '';
    const name = (err as { name?: string }).name ?? '';
    if (type === 'OFFSET_OUT_OF_RANGE') {
      // Retention removed records this job had not read (or the topic was recreated): continue at
      // the earliest offset still there, as Kafka consumers do with auto.offset.reset=earliest.
      this.log('warn', `Kafka: offset out of range for some of ${wanted.map((s) => s.split.splitId).join(', ')}; continuing at the earliest available offsets`);
      await this.resetOutOfRange(wanted).catch(() => undefined);
      return;
    }
    const failure = kafkaError(err, `reading ${wanted.map((s) => s.split.splitId).join(', ')}`, this.config.bootstrapServers);
    const now = Date.now();
    this.failingSince ??= now;
    if (!failure.retryable || now - this.failingSince >= this.config.retryTimeoutMs) {
      this.failure = failure;
      this.onData(); // wakes the reader, which throws it
      return;
    }
    this.log('warn', `${failure.message}; retrying in ${this.backoffMs} ms`);
    if (STALE_METADATA.has(type) || name === 'KafkaJSTopicMetadataNotLoaded' || name === 'KafkaJSBrokerNotFound' || failure.retryable) await this.cluster.refreshMetadata().catch(() => undefined);
    await new Promise((r) => setTimeout(r, this.backoffMs));
    this.backoffMs = Math.min(this.backoffMs * 2, 5_000);
  }

  private async resetOutOfRange(wanted: SplitState[]): Promise<void> {
    for (const topic of new Set(wanted.map((s) => s.split.topic))) {
      const offsets = await (this.cluster as unknown as { fetchTopicsOffset(t: object[]): Promise<Array<{ partitions: Array<{ partition: number; offset: string }> }>> }).fetchTopicsOffset([
        { topic, fromBeginning: true, partitions: wanted.filter((s) => s.split.topic === topic).map((s) => ({ partition: s.split.partition })) },
      ]);
      for (const { partition, offset } of offsets[0]?.partitions ?? []) {
        const state = wanted.find((s) => s.split.topic === topic && s.split.partition === partition)!;
        const earliest = Number(offset);
        if (state.fetchOffset < earliest) {
          state.fetchOffset = earliest;
          if (state.queued === 0) state.split.offset = earliest;
        }
      }
    }
  }
}
