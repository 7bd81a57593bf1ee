import * as os from 'node:os';
import * as path from 'node:path';
import type { Kafka } from 'kafkajs';
import { ROOT, TestCluster, jobIdFrom } from '../test/harness/cluster';
import { TestKafka } from '../test/harness/kafka/test-kafka';

/**
 * `npm run bench -- kafka`: Kafka -> map -> Kafka with exactly-once output, on one broker in
 * one run, as
 *   (a) a bare kafkajs consume -> transform -> produce loop, exactly-once the kafkajs way
 *       (a transaction per fetched batch, with the consumer offsets sent into it);
 *   (b) the same through Sluice: KafkaSource -> map -> exactly-once KafkaSink, one TaskManager,
 *       parallelism = partitions, a checkpoint (transaction commit) every second.
 * Both read the same input topic from the beginning, write acks=all with an idempotent
 * transactional producer (one request in flight per broker: kafkajs serialises idempotent
 * produce requests per broker), and are timed until the last record is committed; (b) is the
 * job's duration, so it includes deploying the job and its final checkpoint. The rounds
 * alternate (a), (b), (a), (b), ... on the same broker so machine load hits both alike; the
 * best round of each is reported.
 */
const RECORDS = Number(process.env.BENCH_KAFKA_RECORDS ?? 200_000);
const ROUNDS = Number(process.env.BENCH_KAFKA_ROUNDS ?? 3);
const PARTITIONS = 2;
const JOB = path.join(ROOT, 'bench', 'jobs', 'bench-kafka-map.js');

export interface KafkaBenchResult {
  records: number;
  baselineMs: number[];
  engineMs: number[];
  loadAverage: number[];
}

async function fill(client: Kafka, topic: string): Promise<void> {
  const producer = client.producer();
  await producer.connect();
  const batch = 5_000;
  for (let i = 0; i < RECORDS; i += batch) {
    const messages = [];
    for (let j = i; j < Math.min(RECORDS, i + batch); j++) messages.push({ value: `record-${j}-${'x'.repeat(40)}` });
    await producer.send({ topic, messages });
  }
  await producer.disconnect();
}

/** The bare loop: kafkajs' consumer group, eachBatch, one transaction per batch with sendOffsets. */
async function bareLoop(client: Kafka, input: string, output: string): Promise<number> {
  const groupId = TestKafka.topicName('bench-bare');
  const producer = client.producer({ transactionalId: TestKafka.topicName('bench-bare-tx'), idempotent: true, maxInFlightRequests: 1 });
  const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic: input, fromBeginning: true });
  let done = 0;
  let finish: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const started = performance.now();
  await consumer.run({
    autoCommit: false,
    eachBatch: async ({ batch }) => {
      if (batch.messages.length === 0) return;
      const tx = await producer.transaction();
      await tx.send({ topic: output, acks: -1, messages: batch.messages.map((m) => ({ value: m.value!.toString().toUpperCase() })) });
      await tx.sendOffsets({ consumerGroupId: groupId, topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(Number(batch.lastOffset()) + 1) }] }] });
      await tx.commit();
      done += batch.messages.length;
      if (done >= RECORDS) finish();
    },
  });
  await finished;
  const ms = performance.now() - started;
  await consumer.disconnect();
  await producer.disconnect();
  return ms;
}

async function sluiceJob(cluster: TestCluster, kafka: TestKafka, input: string, output: string): Promise<number> {
  const res = await cluster.cli(['-p', String(PARTITIONS), JOB, '--brokers', kafka.bootstrapServers, '--input', input, '--output', output, '--prefix', TestKafka.topicName('bench-tx')], { timeoutMs: 600_000 });
  if (res.code !== 0) {
    const tail = (text: string) => text.slice(-4000);
    throw new Error(`Kafka benchmark job failed (exit ${res.code}):\n${tail(res.stdout)}\n${tail(res.stderr)}\nTaskManager:\n${tail(cluster.taskManagers.map((t) => t.stderr).join('\n'))}\nJobManager:\n${tail(cluster.jobManager.stderr)}`);
  }
  const job = await cluster.rest<{ 'start-time': number; 'end-time': number }>(`/jobs/${jobIdFrom(res.stdout)}`);
  return job['end-time'] - job['start-time'];
}

async function highWatermark(client: Kafka, topic: string): Promise<number> {
  const admin = client.admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  return offsets.reduce((s, o) => s + Number(o.high), 0);
}

export async function measureKafkaMap(): Promise<KafkaBenchResult> {
  const kafka = await TestKafka.start();
  const client = kafka.client('sluice-bench');
  const result: KafkaBenchResult = { records: RECORDS, baselineMs: [], engineMs: [], loadAverage: [] };
  try {
    const input = TestKafka.topicName('bench-in');
    await kafka.createTopic(input, PARTITIONS);
    await fill(client, input);
    const cluster = await TestCluster.start({ taskManagers: 1, slots: PARTITIONS });
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        result.loadAverage.push(os.loadavg()[0]!);
        for (const side of ['bare', 'sluice'] as const) {
          const output = TestKafka.topicName(`bench-${side}-out`);
          await kafka.createTopic(output, PARTITIONS);
          const ms = side === 'bare' ? await bareLoop(client, input, output) : await sluiceJob(cluster, kafka, input, output);
          // Records plus one commit marker per transaction and partition: at least RECORDS, or records were lost.
          if ((await highWatermark(client, output)) < RECORDS) throw new Error(`Kafka benchmark: ${side} wrote fewer records than it read`);
          (side === 'bare' ? result.baselineMs : result.engineMs).push(ms);
          process.stderr.write(`kafka bench round ${round}/${ROUNDS}: ${side} ${ms.toFixed(0)} ms (load average ${os.loadavg()[0]!.toFixed(1)})\n`);
        }
      }
      return result;
    } finally {
      await cluster.stop();
    }
  } finally {
    await kafka.stop();
  }
}
