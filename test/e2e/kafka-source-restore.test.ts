import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobIdFrom } from '../harness/cluster';
import { KeyedLoad, caughtUp, checkExactCounts } from '../harness/kafka/kafka-records';
import { readCommittedRecords } from '../harness/part-files';
import { TestKafka } from '../harness/kafka/test-kafka';
import { useKafkaCluster } from '../harness/kafka/kafka-cluster-fixture';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'kafka-running-count.js');

/**
 * KafkaSource in a running cluster: offsets restored from a savepoint at another parallelism
 * (partitions redistributed, none read twice or skipped), a topic created while the job runs
 * and matching its pattern, and a broker outage. The output is an exactly-once FileSink, so
 * these test the source alone. Against the test broker, or KAFKA_BROKERS.
 */
describe('KafkaSource restore, discovery and outages (multi-process)', () => {
  const env = useKafkaCluster({ taskManagers: 2, slots: 3 });

  async function submit(args: string[]): Promise<string> {
    const res = await env.cluster.cli(['--detached', ...args]);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await env.cluster.waitForCheckpointAfter(jobId, 0, 60_000);
    return jobId;
  }

  it('restores offsets from a savepoint at parallelism 2 into parallelism 3 and then 1', { timeout: 240_000 }, async () => {
    const input = TestKafka.topicName('sp-in');
    const output = path.join(env.tmp, 'sp-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await env.kafka.createTopic(input, 5);
    const load = await KeyedLoad.connect(env.client, input, 7);
    env.defer(() => load.close());
    const common = ['--brokers', env.kafka.bootstrapServers, '--input', input, '--file-output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--interval', '300'];

    let savepoint = '';
    for (const parallelism of ['2', '3', '1']) {
      await load.send(1_000);
      const restore = savepoint ? ['-s', savepoint] : [];
      const jobId = await submit(['-p', parallelism, ...restore, JOB, ...common, '--parallelism', parallelism]);
      if (savepoint) expect((await env.cluster.checkpoints(jobId)).latest.restored?.external_path).toContain(path.basename(savepoint));
      await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: () => `p=${parallelism}: every count so far (${committed().length} of ${load.total})` });
      const stop = await env.cluster.cli(['stop', jobId, '--savepoint-dir', path.join(env.tmp, 'savepoints')]);
      expect(stop.code, stop.stderr).toBe(0);
      savepoint = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout)![1]!;
    }
    expect(checkExactCounts(committed(), load.producedPerKey)).toEqual([]);
    expect(committed()).toHaveLength(3_000);
  });

  it('reads a topic created while the job runs when it matches the pattern', { timeout: 180_000 }, async () => {
    const base = TestKafka.topicName('pattern');
    const output = path.join(env.tmp, 'pattern-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await env.kafka.createTopic(`${base}-in-a`, 2);
    const first = await KeyedLoad.connect(env.client, `${base}-in-a`, 3);
    env.defer(() => first.close());
    await first.send(100);
    const jobId = await submit([JOB, '--brokers', env.kafka.bootstrapServers, '--pattern', `^${base}-in-`, '--file-output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--discovery', '300']);
    await waitFor(() => committed().length === 100, { timeoutMs: 60_000, message: () => `the first topic's 100 counts (${committed().length})` });

    await env.kafka.createTopic(`${base}-in-b`, 3);
    const second = await KeyedLoad.connect(env.client, `${base}-in-b`, 3);
    env.defer(() => second.close());
    await second.send(60);
    const expected = new Map([...first.producedPerKey].map(([k, n]) => [k, n + (second.producedPerKey.get(k) ?? 0)]));
    await waitFor(() => caughtUp(committed(), expected), { timeoutMs: 60_000, message: () => `the new topic's records counted (${committed().length} of 160)` });
    expect(checkExactCounts(committed(), expected)).toEqual([]);
    await env.cluster.cli(['cancel', jobId]);
  });

  it('survives a broker outage: short ones by retrying, long ones through the restart strategy, with the cause in /exceptions (test broker only: a real broker is not ours to stop)', { timeout: 240_000 }, async ({ skip }) => {
    if (!env.kafka.isMock) skip();
    const input = TestKafka.topicName('outage-in');
    const output = path.join(env.tmp, 'outage-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await env.kafka.createTopic(input, 2);
    const load = await KeyedLoad.connect(env.client, input, 4);
    env.defer(() => load.close());
    await load.send(200);
    const jobId = await submit([JOB, '--brokers', env.kafka.bootstrapServers, '--input', input, '--file-output', output, '--group', TestKafka.topicName('g'), '--retry-timeout', '3000', '--restart-delay', '500']);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: 'the first counts' });

    // Shorter than retry.timeout.ms: the reader retries with back-off and the task never fails.
    const logged = () => env.cluster.taskManagers.map((t) => t.stderr).join('');
    const before = (logged().match(/is unreachable while reading .*retrying in/g) ?? []).length;
    await env.kafka.setDown();
    await waitFor(() => (logged().match(/is unreachable while reading .*retrying in/g) ?? []).length > before, { timeoutMs: 30_000, message: 'the reader retrying the unreachable broker' });
    await env.kafka.setUp();
    await load.send(100);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: 'the counts after the short outage' });
    expect((await env.cluster.rest<{ 'root-exception': string | null }>(`/jobs/${jobId}/exceptions`))['root-exception']).toBeNull();

    // Longer than retry.timeout.ms: the source fails its task with the cause; the restart strategy retries until the brokers are back.
    await env.kafka.setDown();
    const cause = await waitFor(
      async () => {
        const ex = await env.cluster.rest<{ 'root-exception': string | null }>(`/jobs/${jobId}/exceptions`);
        return ex['root-exception'] && /Kafka at .* is unreachable/.test(ex['root-exception']) ? ex['root-exception'] : undefined;
      },
      { timeoutMs: 60_000, message: 'the unreachable broker as the root exception' },
    );
    expect(cause).toContain(env.kafka.bootstrapServers.split(',')[0]);
    await env.kafka.setUp();
    await load.send(300);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 90_000, message: () => `the counts after the outage (${committed().length} of ${load.total})` });
    expect(checkExactCounts(committed(), load.producedPerKey)).toEqual([]);
    expect(await env.cluster.jobState(jobId)).toBe('RUNNING');
    await env.cluster.cli(['cancel', jobId]);
  });
});
