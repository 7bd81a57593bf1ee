import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { CommittedReader, KeyedLoad, caughtUp, checkExactCounts } from '../harness/kafka/kafka-records';
import { TestKafka } from '../harness/kafka/test-kafka';
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
  let kafka: TestKafka;
  let client: Kafka;
  let cluster: TestCluster;
  let tmp: string;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    kafka = await TestKafka.start();
    client = kafka.client();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-fault-'));
    cluster = await TestCluster.start({ taskManagers: 0 });
  }, 600_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await cluster?.stop();
    await kafka?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('commits the restored checkpoint\'s pre-committed transactions', { timeout: 240_000 }, async () => {
    const [input, output] = [TestKafka.topicName('fault-in'), TestKafka.topicName('fault-out')];
    await kafka.createTopic(input, 2);
    await kafka.createTopic(output, 1);
    const marker = path.join(tmp, 'fault-fired');
    const faulty = cluster.addTaskManager(2, 'taskmanager-faulty', [], { SLUICE_TEST_FAULT: `kafka-committer-before-commit:3:${marker}` });
    await cluster.waitForTaskManagers(1);

    const load = await KeyedLoad.connect(client, input, 5);
    closers.push(() => load.close());
    await load.send(300);
    const res = await cluster.cli(['--detached', '-p', '1', JOB, '--parallelism', '1', '--brokers', kafka.bootstrapServers, '--input', input, '--output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--interval', '300']);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    const reader = await CommittedReader.start(client, output, TestKafka.topicName('check'));
    closers.push(() => reader.stop());
    load.start({ total: 3_000, batch: 50, everyMs: 25 });

    // Checkpoint 3 completes; the faulty TaskManager kills itself right before committing it.
    await waitFor(() => !faulty.running, { timeoutMs: 60_000, message: () => `the faulty TaskManager to kill itself at the commit of checkpoint 3; its stderr:\n${faulty.stderr.slice(-3000)}` });
    expect(faulty.child.signalCode).toBe('SIGKILL');
    expect(fs.readFileSync(marker, 'utf8')).toMatch(/SLUICE_TEST_FAULT: kafka-committer-before-commit at checkpoint [3-9]/);
    const completed = (await cluster.checkpoints(jobId)).latest.completed!.id;
    expect(completed).toBeGreaterThanOrEqual(3);

    cluster.addTaskManager(2, 'taskmanager-healthy');
    const restored = await waitFor(async () => (await cluster.checkpoints(jobId)).latest.restored, { timeoutMs: 60_000, message: 'the restore' });
    expect(restored.id).toBe(completed);

    await load.finished();
    await waitFor(() => caughtUp(reader.values, load.producedPerKey), { timeoutMs: 90_000, message: () => `every key's final count (${reader.values.length} of ${load.total} updates seen)` });
    expect(checkExactCounts(reader.values, load.producedPerKey)).toEqual([]);
    await cluster.cli(['cancel', jobId]);
  });
});
