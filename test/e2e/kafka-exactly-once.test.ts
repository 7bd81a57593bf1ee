import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobIdFrom } from '../harness/cluster';
import { CommittedReader, KeyedLoad, caughtUp, checkExactCounts } from '../harness/kafka/kafka-records';
import { TestKafka } from '../harness/kafka/test-kafka';
import { useKafkaCluster } from '../harness/kafka/kafka-cluster-fixture';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'kafka-running-count.js');
const KEYS = 12;

/**
 * Kafka -> keyed running count -> exactly-once KafkaSink across two TaskManager kill -9s and a
 * JobManager kill -9 + restart, while input keeps arriving. A read_committed consumer of the
 * output must see every count exactly once. Runs against the test broker, or KAFKA_BROKERS.
 */
describe('Kafka exactly-once through failures (multi-process)', () => {
  const env = useKafkaCluster({ taskManagers: 2, slots: 2 });

  it('commits every count once across two TaskManager kill -9s and a JobManager kill -9', { timeout: 300_000 }, async () => {
    const [input, output] = [TestKafka.topicName('counts-in'), TestKafka.topicName('counts-out')];
    await env.kafka.createTopic(input, 4);
    await env.kafka.createTopic(output, 2);
    const load = await KeyedLoad.connect(env.client, input, KEYS);
    env.defer(() => load.close());
    await load.send(500);
    const res = await env.cluster.cli(['--detached', JOB, '--brokers', env.kafka.bootstrapServers, '--input', input, '--output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--interval', '400']);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    const reader = await CommittedReader.start(env.client, output, TestKafka.topicName('check'));
    env.defer(() => reader.stop());
    load.start({ total: 12_000, batch: 15, everyMs: 50 }); // about 40 s of input: it arrives throughout the failures

    let checkpoint = await env.cluster.waitForCheckpointAfter(jobId, 1, 60_000);
    for (const victim of [0, 1]) {
      const spare = env.cluster.addTaskManager(2);
      await env.cluster.waitForTaskManagers(env.cluster.taskManagers.filter((t) => t.running).length, 30_000);
      env.cluster.killTaskManager(env.cluster.taskManagers[victim]!);
      await env.cluster.taskManagers[victim]!.exited;
      checkpoint = await env.cluster.waitForCheckpointAfter(jobId, checkpoint, 90_000);
      expect(spare.running).toBe(true);
    }
    expect(load.total).toBeLessThan(12_000); // input still arriving
    await env.cluster.restartJobManager();
    await env.cluster.waitForTaskManagers(env.cluster.taskManagers.filter((t) => t.running).length, 30_000);
    await waitFor(async () => (await env.cluster.checkpoints(jobId)).latest.restored, { timeoutMs: 60_000, message: 'the job restored by the new JobManager' });
    await env.cluster.waitForCheckpointAfter(jobId, 0, 60_000);

    await load.finished();
    expect(load.total).toBe(12_000);
    await waitFor(() => caughtUp(reader.values, load.producedPerKey), { timeoutMs: 120_000, message: () => `every key's final count committed (${reader.values.length} of ${load.total} updates seen)` });
    // One more checkpoint: a duplicate committed late would show up too.
    await env.cluster.waitForCheckpointAfter(jobId, (await env.cluster.checkpoints(jobId)).latest.completed?.id ?? 0, 60_000);
    expect(checkExactCounts(reader.values, load.producedPerKey)).toEqual([]);
    expect(reader.values).toHaveLength(12_000);
    await env.cluster.cli(['cancel', jobId]);
  });
});
