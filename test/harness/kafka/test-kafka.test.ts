import type { Consumer, Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../wait-for';
import { TestKafka } from './test-kafka';

/**
 * The test broker speaks enough of Kafka for exactly-once tests: what kafkajs 2.2.4 does
 * against it here is what it does against Kafka. With KAFKA_BROKERS set, the same checks run
 * against that broker, which shows the two agree.
 */
let kafka: TestKafka;
let client: Kafka;
const consumers: Consumer[] = [];

beforeAll(async () => {
  kafka = await TestKafka.start();
  client = kafka.client();
}, 600_000); // the first run on a machine builds the broker

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await kafka?.stop();
});

async function readAll(topic: string, opts: { readUncommitted?: boolean } = {}): Promise<() => string[]> {
  const consumer = client.consumer({ groupId: TestKafka.topicName('g'), maxWaitTimeInMs: 100, readUncommitted: opts.readUncommitted ?? false });
  consumers.push(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen: string[] = [];
  await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
  return () => seen;
}

describe('test broker', () => {
  it('creates topics with partitions and serves an idempotent producer and a consumer group', async () => {
    const topic = TestKafka.topicName('plain');
    await kafka.createTopic(topic, 3);
    const admin = client.admin();
    await admin.connect();
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0].partitions).toHaveLength(3);
    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: 300 }, (_, i) => ({ key: `k${i}`, value: `v${i}` })) });
    const offsets = await admin.fetchTopicOffsets(topic);
    expect(offsets.reduce((s, o) => s + Number(o.high), 0)).toBe(300);
    const seen = await readAll(topic);
    await waitFor(() => seen().length === 300, { message: () => `300 records, got ${seen().length}` });
    expect(new Set(seen()).size).toBe(300);
    await producer.disconnect();
    await admin.disconnect();
  });

  it('keeps aborted and open transactions from read_committed consumers and applies sendOffsets on commit only', async () => {
    const [topic, source] = [TestKafka.topicName('txn'), TestKafka.topicName('txn-src')];
    await kafka.createTopic(topic, 2);
    await kafka.createTopic(source, 1);
    const producer = client.producer({ transactionalId: TestKafka.topicName('tx'), maxInFlightRequests: 1, idempotent: true });
    await producer.connect();
    const group = TestKafka.topicName('txgroup');
    let tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: 'committed-1' }, { value: 'committed-2' }] });
    await tx.sendOffsets({ consumerGroupId: group, topics: [{ topic: source, partitions: [{ partition: 0, offset: '42' }] }] });
    await tx.commit();
    tx = await producer.transaction();
    await tx.send({ topic, messages: [{ value: 'aborted-1' }] });
    await tx.sendOffsets({ consumerGroupId: group, topics: [{ topic: source, partitions: [{ partition: 0, offset: '99' }] }] });
    await tx.abort();
    const open = await producer.transaction();
    await open.send({ topic, messages: [{ value: 'open-1' }] });

    const committed = await readAll(topic);
    const uncommitted = await readAll(topic, { readUncommitted: true });
    await waitFor(() => uncommitted().length === 4, { message: () => `read_uncommitted sees all 4, got ${uncommitted()}` });
    await waitFor(() => committed().length === 2, { message: () => `read_committed sees 2, got ${committed()}` });
    expect(committed().sort()).toEqual(['committed-1', 'committed-2']);

    await open.commit();
    await waitFor(() => committed().length === 3, { message: () => `the open transaction appears once committed, got ${committed()}` });
    expect(committed()).toContain('open-1');
    expect(committed()).not.toContain('aborted-1');

    const admin = client.admin();
    await admin.connect();
    const [fetched] = await admin.fetchOffsets({ groupId: group, topics: [source] });
    expect(fetched.partitions[0].offset).toBe('42');
    await admin.disconnect();
    await producer.disconnect();
  });

  it('hides aborted transactions that interleave on one partition from read_committed consumers', async () => {
    const topic = TestKafka.topicName('interleaved');
    await kafka.createTopic(topic, 1);
    const producer = (name: string) => client.producer({ transactionalId: TestKafka.topicName(name), maxInFlightRequests: 1, idempotent: true });
    const [a, b, c] = [producer('a'), producer('b'), producer('c')];
    await Promise.all([a.connect(), b.connect(), c.connect()]);
    const ta = await a.transaction();
    const tb = await b.transaction();
    await ta.send({ topic, messages: [{ value: 'a-1' }] });
    await tb.send({ topic, messages: [{ value: 'b-1' }] });
    await ta.send({ topic, messages: [{ value: 'a-2' }] });
    await ta.abort(); // A began first and ends first: B's batch lies inside A's aborted range
    await tb.abort();
    const tc = await c.transaction();
    await tc.send({ topic, messages: [{ value: 'c-1' }] });
    await tc.commit();
    const seen = await readAll(topic);
    await waitFor(() => seen().includes('c-1'), { message: () => `the committed record, got ${seen()}` });
    expect(seen()).toEqual(['c-1']);
    await Promise.all([a.disconnect(), b.disconnect(), c.disconnect()]);
  });

  it('fences the older producer when a transactional id is initialised again, aborting its open transaction', async () => {
    const topic = TestKafka.topicName('fence');
    await kafka.createTopic(topic, 1);
    const transactionalId = TestKafka.topicName('tx');
    const zombie = client.producer({ transactionalId, maxInFlightRequests: 1, idempotent: true });
    await zombie.connect();
    const zombieTx = await zombie.transaction();
    await zombieTx.send({ topic, messages: [{ value: 'zombie' }] });

    const successor = client.producer({ transactionalId, maxInFlightRequests: 1, idempotent: true, retry: { retries: 2 } });
    await successor.connect();
    const tx = await successor.transaction();
    await expect(zombieTx.commit()).rejects.toThrow(/epoch|fenced/i);
    await tx.send({ topic, messages: [{ value: 'successor' }] });
    await tx.commit();

    const seen = await readAll(topic);
    await waitFor(() => seen().length === 1, { message: () => `only the successor's record, got ${seen()}` });
    expect(seen()).toEqual(['successor']);
    await successor.disconnect();
    await zombie.disconnect().catch(() => undefined);
  });

  it('takes its brokers down and up on demand (mock only: a real broker is not ours to stop)', async ({ skip }) => {
    if (!kafka.isMock) skip();
    const topic = TestKafka.topicName('outage');
    await kafka.createTopic(topic, 1);
    const producer = client.producer({ retry: { retries: 0 } });
    await producer.connect();
    await producer.send({ topic, messages: [{ value: 'before' }] });
    await kafka.setDown();
    await expect(producer.send({ topic, messages: [{ value: 'during' }], timeout: 1000 })).rejects.toThrow();
    await kafka.setUp();
    await waitFor(async () => (await producer.send({ topic, messages: [{ value: 'after' }] }), true), { timeoutMs: 20_000, message: 'a send after the brokers came back' });
    await producer.disconnect();
  });
});
