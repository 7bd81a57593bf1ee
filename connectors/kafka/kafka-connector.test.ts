import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitRequest } from '../../api/connector/sink';
import type { ReaderInfo, ReaderOutput, SourceOutput, SplitEnumeratorContext } from '../../api/connector/source';
import { TestKafka } from '../../test/harness/kafka/test-kafka';
import { waitFor } from '../../test/harness/wait-for';
import { KafkaRecordSerializationSchema, KafkaSink, KafkaSource, OffsetsInitializer } from './index';
import type { KafkaCommittable } from './sink/kafka-committable';
import type { KafkaPartitionSplit } from './split/kafka-partition-split';

/**
 * The connector's halves against a real Kafka-protocol broker (the test broker, or
 * KAFKA_BROKERS), driven the way the runtime drives them: enumerator callbacks, reader polls,
 * writer barriers and committer calls. The multi-process behaviour is in test/e2e/kafka-*.
 */
let kafka: TestKafka;
let client: Kafka;
beforeAll(async () => {
  kafka = await TestKafka.start();
  client = kafka.client();
}, 600_000);
afterAll(async () => kafka?.stop());

class Collect implements ReaderOutput<string> {
  readonly values: string[] = [];
  readonly timestamps: number[] = [];
  readonly splitOutputs = new Set<string>();
  collect(v: string, ts?: number): void {
    this.values.push(v);
    this.timestamps.push(ts!);
  }
  createOutputForSplit(id: string): SourceOutput<string> {
    this.splitOutputs.add(id);
    return this;
  }
  releaseOutputForSplit(id: string): void {
    this.splitOutputs.delete(id);
  }
  markIdle(): void {}
  markActive(): void {}
}

/** An enumerator context that runs async calls at once and records assignments (as the JobManager's coordinator does). */
function enumeratorContext(parallelism: number) {
  const assigned = new Map<number, KafkaPartitionSplit[]>();
  const noMore = new Set<number>();
  const readers = new Map<number, ReaderInfo>();
  const periodic: Array<() => void> = [];
  const context: SplitEnumeratorContext<KafkaPartitionSplit> = {
    currentParallelism: () => parallelism,
    registeredReaders: () => readers,
    assignSplits: (a) => a.forEach((splits, s) => assigned.set(s, [...(assigned.get(s) ?? []), ...splits])),
    assignSplit: (split, s) => assigned.set(s, [...(assigned.get(s) ?? []), split]),
    signalNoMoreSplits: (s) => void noMore.add(s),
    sendEventToSourceReader: () => {},
    callAsync: (callable, handler, _delay, period) => {
      const run = () => callable().then((r) => handler(r, undefined), (e) => handler(undefined, e));
      if (period) periodic.push(run);
      void run();
    },
  };
  for (let s = 0; s < parallelism; s++) readers.set(s, { subtaskId: s, location: '127.0.0.1' });
  return { context, assigned, noMore, rediscover: () => Promise.all(periodic.map((p) => p())) };
}

const readerContext = (subtaskIndex: number, parallelism: number) => ({ subtaskIndex, parallelism, attemptNumber: 0, sendSplitRequest() {}, sendSourceEventToCoordinator() {}, log() {} });

async function produce(topic: string, messages: Array<{ value: string; partition?: number; timestamp?: string }>): Promise<void> {
  const producer = client.producer();
  await producer.connect();
  await producer.send({ topic, messages });
  await producer.disconnect();
}

async function pollUntil(reader: ReturnType<KafkaSource<string>['createReader']>, out: Collect, done: (status: string) => boolean): Promise<void> {
  await waitFor(async () => {
    const status = reader.pollNext(out);
    if (done(status)) return true;
    if (status === 'NOTHING_AVAILABLE') await Promise.race([reader.isAvailable(), new Promise((r) => setTimeout(r, 200))]);
    return false;
  }, { intervalMs: 1, timeoutMs: 30_000, message: () => `reader progress (${out.values.length} records so far)` });
}

describe('KafkaSource', () => {
  it('assigns every partition to one reader and reads a bounded range exactly, with Kafka timestamps', async () => {
    const topic = TestKafka.topicName('src');
    await kafka.createTopic(topic, 3);
    await produce(topic, Array.from({ length: 90 }, (_, i) => ({ value: `r${i}`, partition: i % 3, timestamp: String(1_000 + i) })));
    const source = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setBounded(OffsetsInitializer.latest()).build();
    const { context, assigned, noMore } = enumeratorContext(2);
    const enumerator = source.createEnumerator(context);
    enumerator.start();
    await waitFor(() => noMore.size === 2, { message: 'no-more-splits for both readers' });
    const all = [...assigned.values()].flat();
    expect(all.map((s) => s.splitId).sort()).toEqual([0, 1, 2].map((p) => `${topic}-${p}`));
    expect(all.every((s) => s.offset === 0 && s.stoppingOffset === 30)).toBe(true);

    const outs: Collect[] = [];
    for (const [subtask, splits] of assigned) {
      const reader = source.createReader(readerContext(subtask, 2));
      reader.start();
      reader.addSplits(splits);
      reader.notifyNoMoreSplits();
      const out = new Collect();
      await pollUntil(reader, out, (s) => s === 'END_OF_INPUT');
      await reader.close();
      outs.push(out);
    }
    const values = outs.flatMap((o) => o.values);
    expect(values.sort()).toEqual(Array.from({ length: 90 }, (_, i) => `r${i}`).sort());
    const timestamps = outs.flatMap((o) => o.timestamps);
    expect(Math.min(...timestamps)).toBe(1_000);
    expect(Math.max(...timestamps)).toBe(1_089);
  });

  it('resumes from snapshotted offsets (the checkpoint is the truth, not the group)', async () => {
    const topic = TestKafka.topicName('resume');
    await kafka.createTopic(topic, 1);
    await produce(topic, Array.from({ length: 50 }, (_, i) => ({ value: `a${i}` })));
    const source = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setGroupId(TestKafka.topicName('g')).build();
    const { context, assigned } = enumeratorContext(1);
    source.createEnumerator(context).start();
    await waitFor(() => assigned.get(0)?.length === 1, { message: 'the split' });
    const reader = source.createReader(readerContext(0, 1));
    reader.start();
    reader.addSplits(assigned.get(0)!);
    const out = new Collect();
    await pollUntil(reader, out, () => out.values.length >= 50);
    const [snapshot] = reader.snapshotState(7);
    expect(snapshot!.offset).toBe(50);
    await reader.notifyCheckpointComplete!(7);
    await reader.close();

    await produce(topic, Array.from({ length: 10 }, (_, i) => ({ value: `b${i}` })));
    const restored = source.createReader(readerContext(0, 1));
    restored.start();
    restored.addSplits([snapshot!]);
    const again = new Collect();
    await pollUntil(restored, again, () => again.values.length >= 10);
    expect(again.values).toEqual(Array.from({ length: 10 }, (_, i) => `b${i}`));
    await restored.close();
  });

  it('starts at the group\'s committed offsets (what checkpoint-complete committed), at a timestamp, and hands whole records to a full deserializer', async () => {
    const topic = TestKafka.topicName('starts');
    await kafka.createTopic(topic, 1);
    await produce(topic, Array.from({ length: 20 }, (_, i) => ({ value: `v${i}`, timestamp: String(10_000 + i * 10) })));
    const group = TestKafka.topicName('g');
    const first = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setGroupId(group).build();
    const e1 = enumeratorContext(1);
    first.createEnumerator(e1.context).start();
    await waitFor(() => e1.assigned.get(0)?.length === 1, { message: 'the split' });
    const reader = first.createReader(readerContext(0, 1));
    reader.start();
    reader.addSplits(e1.assigned.get(0)!);
    const out = new Collect();
    await pollUntil(reader, out, () => out.values.length >= 12);
    reader.snapshotState(1);
    await reader.notifyCheckpointComplete!(1);
    await reader.close();

    const resumed = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setGroupId(group).setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetsInitializer.earliest())).build();
    const e2 = enumeratorContext(1);
    resumed.createEnumerator(e2.context).start();
    await waitFor(() => e2.assigned.get(0)?.length === 1, { message: 'the committed split' });
    expect(e2.assigned.get(0)![0]!.offset).toBe(out.values.length);

  });

  it('starts at a timestamp, and hands whole records to a full deserializer (real broker only: the test broker has no ListOffsets by timestamp)', async ({ skip }) => {
    if (kafka.isMock) skip();
    const topic = TestKafka.topicName('by-time');
    await kafka.createTopic(topic, 1);
    await produce(topic, Array.from({ length: 20 }, (_, i) => ({ value: `v${i}`, timestamp: String(10_000 + i * 10) })));
    const byTime = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setStartingOffsets(OffsetsInitializer.timestamp(10_105)).setBounded(OffsetsInitializer.latest())
      .setDeserializer((r) => `${r.topic}/${r.partition}/${r.offset}/${r.timestamp}/${r.value}`).build();
    const e3 = enumeratorContext(1);
    byTime.createEnumerator(e3.context).start();
    await waitFor(() => e3.noMore.size === 1, { message: 'the bounded split' });
    expect(e3.assigned.get(0)![0]!.offset).toBe(11);
    const r3 = byTime.createReader(readerContext(0, 1));
    r3.start();
    r3.addSplits(e3.assigned.get(0)!);
    r3.notifyNoMoreSplits();
    const out3 = new Collect();
    await pollUntil(r3, out3 as never, (s) => s === 'END_OF_INPUT');
    await r3.close();
    expect(out3.values[0]).toBe(`${topic}/0/11/10110/v11`);
    expect(out3.values).toHaveLength(9);
  });

  it('hands whole records (key, headers, position, timestamp) to a full deserializer', async () => {
    const topic = TestKafka.topicName('records');
    await kafka.createTopic(topic, 1);
    const producer = client.producer();
    await producer.connect();
    await producer.send({ topic, messages: [{ key: 'k1', value: 'v1', timestamp: '5000', headers: { h: 'x' } }, { key: null, value: null, timestamp: '5001' }] });
    await producer.disconnect();
    const source = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(topic).setBounded(OffsetsInitializer.latest())
      .setDeserializer((r) => JSON.stringify({ t: r.topic === topic, p: r.partition, o: r.offset, ts: r.timestamp, k: r.key?.toString() ?? null, v: r.value?.toString() ?? null, h: r.headers.h?.toString() ?? null })).build();
    const e = enumeratorContext(1);
    source.createEnumerator(e.context).start();
    await waitFor(() => e.noMore.size === 1, { message: 'the bounded split' });
    const reader = source.createReader(readerContext(0, 1));
    reader.start();
    reader.addSplits(e.assigned.get(0)!);
    reader.notifyNoMoreSplits();
    const out = new Collect();
    await pollUntil(reader, out as never, (s) => s === 'END_OF_INPUT');
    await reader.close();
    expect(out.values.map((v) => JSON.parse(v))).toEqual([
      { t: true, p: 0, o: 0, ts: 5000, k: 'k1', v: 'v1', h: 'x' },
      { t: true, p: 0, o: 1, ts: 5001, k: null, v: null, h: null },
    ]);
    expect(out.timestamps).toEqual([5000, 5001]);
  });

  it('refuses bad configurations when the source is built', () => {
    expect(() => KafkaSource.builder().setTopics('t').build()).toThrow(/setBootstrapServers/);
    expect(() => KafkaSource.builder().setBootstrapServers('nohost').build()).toThrow(/host:port/);
    expect(() => KafkaSource.builder().setBootstrapServers('h:1').build()).toThrow(/setTopics/);
    expect(() => KafkaSource.builder().setBootstrapServers('h:1').setTopics('t').setProperty('no.such', 1).build()).toThrow(/unknown property 'no.such'.*partition.discovery.interval.ms/);
    expect(() => KafkaSource.builder().setBootstrapServers('h:1').setTopics('t').setStartingOffsets(OffsetsInitializer.committedOffsets()).build()).toThrow(/setGroupId/);
    expect(() => OffsetsInitializer.committedOffsets(OffsetsInitializer.timestamp(1))).toThrow(/fallback/);
  });

  it('discovers topics matching the pattern while running; they start at their earliest offset', async () => {
    const base = TestKafka.topicName('pat');
    await kafka.createTopic(`${base}-one`, 1);
    const source = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopicPattern(new RegExp(`^${base}-`)).setStartingOffsets(OffsetsInitializer.latest()).setProperty('partition.discovery.interval.ms', 100).build();
    const { context, assigned, rediscover } = enumeratorContext(1);
    source.createEnumerator(context).start();
    await waitFor(() => assigned.get(0)?.length === 1, { message: 'the first topic' });
    await kafka.createTopic(`${base}-two`, 2);
    await produce(`${base}-two`, [{ value: 'early', partition: 0 }]);
    await waitFor(async () => (await rediscover(), assigned.get(0)!.length === 3), { message: 'the new topic\'s partitions' });
    const late = assigned.get(0)!.filter((s) => s.topic === `${base}-two`);
    expect(late.map((s) => s.offset)).toEqual([0, 0]);
  });

  it('reports a topic that does not exist with the fix in the message', async () => {
    const source = KafkaSource.builder().setBootstrapServers(kafka.bootstrapServers).setTopics(TestKafka.topicName('missing')).build();
    const { context } = enumeratorContext(1);
    let error: Error | undefined;
    const ctx = { ...context, callAsync: (callable: () => Promise<unknown>) => void callable().catch((e: Error) => (error = e)) };
    source.createEnumerator(ctx as never).start();
    await waitFor(() => error, { timeoutMs: 60_000, message: 'the discovery error' });
    expect(error!.message).toMatch(/no such topic|create the topic/i);
  });
});

describe('KafkaSink', () => {
  const serializer = (topic: string) => KafkaRecordSerializationSchema.builder<string>().setTopic(topic).setValueSerializer((v) => v).build();
  const writerContext = (subtaskIndex: number, restoredCheckpointId: number | null, parallelism = 1) => ({ subtaskIndex, parallelism, attemptNumber: 0, restoredCheckpointId, log() {} });

  async function committedValues(topic: string): Promise<() => string[]> {
    const consumer = client.consumer({ groupId: TestKafka.topicName('check'), maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    afterAll(() => consumer.disconnect());
    return () => seen;
  }

  function request(committable: KafkaCommittable, checkpointId: number) {
    const outcome = { retried: false, failed: undefined as Error | undefined, failedUnknown: undefined as Error | undefined };
    const r: CommitRequest<KafkaCommittable> = { committable, checkpointId, numberOfRetries: 0, retryLater: () => void (outcome.retried = true), signalFailedWithKnownReason: (e) => void (outcome.failed = e), signalFailedWithUnknownReason: (e) => void (outcome.failedUnknown = e) };
    return { r, outcome };
  }

  it('exactly-once: records become visible on commit only; a committable restored after the writer died still commits, and again is a no-op', async () => {
    const topic = TestKafka.topicName('eos');
    await kafka.createTopic(topic, 2);
    const sink = KafkaSink.builder<string>().setBootstrapServers(kafka.bootstrapServers).setRecordSerializer(serializer(topic)).setDeliveryGuarantee('exactly-once').setTransactionalIdPrefix(TestKafka.topicName('tx')).build();
    const seen = await committedValues(topic);
    const writer = sink.createWriter(writerContext(0, null));
    for (let i = 0; i < 100; i++) writer.write(`c1-${i}`);
    const [first] = await writer.prepareCommit(1);
    expect(first!.transactionalId).toMatch(/-0-1$/);
    for (let i = 0; i < 40; i++) writer.write(`c2-${i}`);
    const [second] = await writer.prepareCommit(2);
    // A second pre-commit of checkpoint 2 would re-initialise (fence) the transaction opened for checkpoint 3: refused.
    await expect(writer.prepareCommit(2)).rejects.toThrow(/prepareCommit\(2\) after the transaction of checkpoint 3 was opened/);
    // The TaskManager dies here: checkpoint 2 completed, nothing committed. No close().

    const committer = sink.createCommitter({ subtaskIndex: 0, parallelism: 1, log() {} });
    const one = request(first!, 1);
    await committer.commit([one.r]);
    expect(one.outcome).toEqual({ retried: false, failed: undefined });
    await waitFor(() => seen().length === 100, { message: () => `checkpoint 1's records, got ${seen().length}` });

    // The restored attempt: a new writer (aborts what came after checkpoint 2) and a new committer for checkpoint 2's committable.
    const restoredWriter = sink.createWriter(writerContext(0, 2));
    const recommitter = sink.createCommitter({ subtaskIndex: 0, parallelism: 1, log() {} });
    const two = request(second!, 2);
    await recommitter.commit([two.r, request(first!, 1).r]);
    expect(two.outcome).toEqual({ retried: false, failed: undefined });
    await waitFor(() => seen().length === 140, { message: () => `checkpoint 2's records after restore, got ${seen().length}` });
    for (let i = 0; i < 5; i++) restoredWriter.write(`c3-${i}`);
    const [third] = await restoredWriter.prepareCommit(3);
    await recommitter.commit([request(third!, 3).r]);
    await waitFor(() => seen().length === 145, { message: () => `checkpoint 3's records, got ${seen().length}` });
    expect(new Set(seen()).size).toBe(145);
    await restoredWriter.close();
    await committer.close();
    await recommitter.close();
    await writer.close();
  });

  it('exactly-once: a restored writer aborts the lingering transaction of the failed attempt and fences its writer', async () => {
    const topic = TestKafka.topicName('linger');
    await kafka.createTopic(topic, 1);
    const sink = KafkaSink.builder<string>().setBootstrapServers(kafka.bootstrapServers).setRecordSerializer(serializer(topic)).setDeliveryGuarantee('exactly-once').setTransactionalIdPrefix(TestKafka.topicName('tx')).build();
    const seen = await committedValues(topic);
    const zombie = sink.createWriter(writerContext(0, null));
    for (let i = 0; i < 10; i++) zombie.write(`lost-${i}`);
    await zombie.flush(false); // sent into transaction 1, never pre-committed

    const successor = sink.createWriter(writerContext(0, null));
    successor.write('kept');
    const [committable] = await successor.prepareCommit(1);
    const committer = sink.createCommitter({ subtaskIndex: 0, parallelism: 1, log() {} });
    await committer.commit([request(committable!, 1).r]);
    await waitFor(() => seen().includes('kept'), { message: () => `the successor's record (the lingering transaction must not block it), got ${seen()}` });
    expect(seen()).toEqual(['kept']);

    zombie.write('zombie');
    await expect(zombie.prepareCommit(1)).rejects.toThrow(/epoch|fenced|transaction/i);
    await Promise.all([successor.close(), committer.close(), zombie.close()]);
  });

  it('exactly-once: a pre-committed transaction Kafka aborted (its epoch moved on, as after a transaction timeout) is reported lost, not retried', async () => {
    // The test broker enforces no transaction.timeout.ms; what Kafka does when one passes (abort
    // the transaction, bump the id's epoch) is what initialising the id again does here.
    const topic = TestKafka.topicName('aborted');
    await kafka.createTopic(topic, 1);
    const sink = KafkaSink.builder<string>().setBootstrapServers(kafka.bootstrapServers).setRecordSerializer(serializer(topic)).setDeliveryGuarantee('exactly-once').setTransactionalIdPrefix(TestKafka.topicName('tx')).build();
    const seen = await committedValues(topic);
    const writer = sink.createWriter(writerContext(0, null));
    writer.write('aborted');
    const [lost] = await writer.prepareCommit(1);
    const next = sink.createWriter(writerContext(0, null)); // initialises transactional id 1 again
    next.write('kept');
    const [kept] = await next.prepareCommit(1);
    const committer = sink.createCommitter({ subtaskIndex: 0, parallelism: 1, log() {} });
    const gone = request(lost!, 1);
    await committer.commit([gone.r, request(kept!, 1).r]);
    expect(gone.outcome.retried).toBe(false);
    expect(gone.outcome.failed?.message).toMatch(/transaction .*-0-1 of checkpoint 1 can no longer be committed \((INVALID_PRODUCER_EPOCH|PRODUCER_FENCED)\).*its records are lost/);
    await waitFor(() => seen().includes('kept'), { message: () => `the successor's record, got ${seen()}` });
    expect(seen()).toEqual(['kept']);
    await Promise.all([writer.close(), next.close(), committer.close()]);
  });

  it('at-least-once: every record is acknowledged when the barrier flush returns', async () => {
    const topic = TestKafka.topicName('alo');
    await kafka.createTopic(topic, 1);
    const sink = KafkaSink.builder<string>().setBootstrapServers(kafka.bootstrapServers).setRecordSerializer(serializer(topic)).setDeliveryGuarantee('at-least-once').build();
    const writer = sink.createWriter(writerContext(0, null));
    for (let i = 0; i < 5_000; i++) writer.write(`v${i}`);
    await writer.flush(false);
    const admin = client.admin();
    await admin.connect();
    const [offsets] = await admin.fetchTopicOffsets(topic);
    expect(Number(offsets!.high)).toBe(5_000);
    await admin.disconnect();
    await writer.close();
  });

  it('refuses exactly-once without checkpoints or with a transaction timeout shorter than the interval', () => {
    const sink = KafkaSink.builder<string>().setBootstrapServers('127.0.0.1:9092').setRecordSerializer(serializer('t')).setDeliveryGuarantee('exactly-once').setTransactionalIdPrefix('p').setProperty('transaction.timeout.ms', 10_000).build();
    expect(() => sink.checkJobConfig({ checkpointIntervalMs: null })).toThrow(/enableCheckpointing/);
    expect(() => sink.checkJobConfig({ checkpointIntervalMs: 30_000 })).toThrow(/transaction\.timeout\.ms.*longer than the checkpoint interval/);
    expect(() => sink.checkJobConfig({ checkpointIntervalMs: 5_000 })).not.toThrow();
    expect(() => KafkaSink.builder<string>().setBootstrapServers('x:1').setRecordSerializer(serializer('t')).setDeliveryGuarantee('exactly-once').build()).toThrow(/setTransactionalIdPrefix/);
  });
});
