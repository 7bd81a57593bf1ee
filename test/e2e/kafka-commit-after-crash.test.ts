import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobIdFrom } from '../harness/cluster';
import { CommittedReader, KeyedLoad, caughtUp, checkExactCounts } from '../harness/kafka/kafka-records';
import { TestKafka } from '../harness/kafka/test-kafka';
import { useKafkaCluster } from '../harness/kafka/kafka-cluster-fixture';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'kafka-running-count.js');

/**
 * The window two-phase commit exists for: checkpoint N completed (its transactions are
 * pre-committed and recorded in it), and the TaskManager dies before committing them. A
 * kill -9 cannot be timed into that window reliably, so the test-only fault hook
 * (common/test-fault-hook.ts, SLUICE_TEST_FAULT, set only on this one TaskManager) kills the
 * process at exactly that point. After the restore from checkpoint N, its transactions must be
 * committed — not aborted: aborting would lose their records, since the source resumes after them.
 */
describe('Kafka: checkpoint complete, TaskManager dies before the commit (multi-process)', () => {
  const env = useKafkaCluster({ taskManagers: 0 });

  it('commits the restored checkpoint\'s pre-committed transactions', { timeout: 240_000 }, async () => {
    const [input, output] = [TestKafka.topicName('fault-in'), TestKafka.topicName('fault-out')];
    await env.kafka.createTopic(input, 2);
    await env.kafka.createTopic(output, 1);
    const marker = path.join(env.tmp, 'fault-fired');
    const faulty = env.cluster.addTaskManager(2, 'taskmanager-faulty', [], { SLUICE_TEST_FAULT: `kafka-committer-before-commit:3:${marker}` });
    await env.cluster.waitForTaskManagers(1);

    const load = await KeyedLoad.connect(env.client, input, 5);
    env.defer(() => load.close());
    await load.send(300);
    const res = await env.cluster.cli(['--detached', '-p', '1', JOB, '--parallelism', '1', '--brokers', env.kafka.bootstrapServers, '--input', input, '--output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--interval', '300']);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    const reader = await CommittedReader.start(env.client, output, TestKafka.topicName('check'));
    env.defer(() => reader.stop());
    load.start({ total: 3_000, batch: 50, everyMs: 25 });

    // Checkpoint 3 completes; the faulty TaskManager kills itself right before committing it.
    await waitFor(() => !faulty.running, { timeoutMs: 60_000, message: () => `the faulty TaskManager to kill itself at the commit of checkpoint 3; its stderr:\n${faulty.stderr.slice(-3000)}` });
    expect(faulty.child.signalCode).toBe('SIGKILL');
    expect(fs.readFileSync(marker, 'utf8')).toMatch(/SLUICE_TEST_FAULT: kafka-committer-before-commit at checkpoint [3-9]/);
    const completed = (await env.cluster.checkpoints(jobId)).latest.completed!.id;
    expect(completed).toBeGreaterThanOrEqual(3);

    env.cluster.addTaskManager(2, 'taskmanager-healthy');
    const restored = await waitFor(async () => (await env.cluster.checkpoints(jobId)).latest.restored, { timeoutMs: 60_000, message: 'the restore' });
    expect(restored.id).toBe(completed);

    await load.finished();
    await waitFor(() => caughtUp(reader.values, load.producedPerKey), { timeoutMs: 90_000, message: () => `every key's final count (${reader.values.length} of ${load.total} updates seen)` });
    expect(checkExactCounts(reader.values, load.producedPerKey)).toEqual([]);
    await env.cluster.cli(['cancel', jobId]);
  });
});
