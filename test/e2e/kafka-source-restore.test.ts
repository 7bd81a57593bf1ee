import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { KeyedLoad, caughtUp, checkExactCounts } from '../harness/kafka/kafka-records';
import { readCommittedRecords } from '../harness/part-files';
import { TestKafka } from '../harness/kafka/test-kafka';
import { waitFor } from '../harness/wait-for';

const JOB = path.join(__dirname, 'jobs', 'kafka-running-count.js');

/**
 * KafkaSource in a running cluster: offsets restored from a savepoint at another parallelism
 * (partitions redistributed, none read twice or skipped), a topic created while the job runs
 * and matching its pattern, and a broker outage. The output is an exactly-once FileSink, so
 * these test the source alone. Against the test broker, or KAFKA_BROKERS.
 */
describe('KafkaSource restore, discovery and outages (multi-process)', () => {
  let kafka: TestKafka;
  let client: Kafka;
  let cluster: TestCluster;
  let tmp: string;
  const closers: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    kafka = await TestKafka.start();
    client = kafka.client();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-restore-'));
    cluster = await TestCluster.start({ taskManagers: 2, slots: 3 });
  }, 600_000);

  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await cluster?.stop();
    await kafka?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function submit(args: string[]): Promise<string> {
    const res = await cluster.cli(['--detached', ...args]);
    expect(res.code, res.stderr).toBe(0);
    const jobId = jobIdFrom(res.stdout);
    await cluster.waitForCheckpointAfter(jobId, 0, 60_000);
    return jobId;
  }

  it('restores offsets from a savepoint at parallelism 2 into parallelism 3 and then 1', { timeout: 240_000 }, async () => {
    const input = TestKafka.topicName('sp-in');
    const output = path.join(tmp, 'sp-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await kafka.createTopic(input, 5);
    const load = await KeyedLoad.connect(client, input, 7);
    closers.push(() => load.close());
    const common = ['--brokers', kafka.bootstrapServers, '--input', input, '--file-output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--interval', '300'];

    let savepoint = '';
    for (const parallelism of ['2', '3', '1']) {
      await load.send(1_000);
      const restore = savepoint ? ['-s', savepoint] : [];
      const jobId = await submit(['-p', parallelism, ...restore, JOB, ...common, '--parallelism', parallelism]);
      if (savepoint) expect((await cluster.checkpoints(jobId)).latest.restored?.external_path).toContain(path.basename(savepoint));
      await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: () => `p=${parallelism}: every count so far (${committed().length} of ${load.total})` });
      const stop = await cluster.cli(['stop', jobId, '--savepoint-dir', path.join(tmp, 'savepoints')]);
      expect(stop.code, stop.stderr).toBe(0);
      savepoint = /Savepoint completed\. Path: (\S+)/.exec(stop.stdout)![1]!;
    }
    expect(checkExactCounts(committed(), load.producedPerKey)).toEqual([]);
    expect(committed()).toHaveLength(3_000);
  });

  it('reads a topic created while the job runs when it matches the pattern', { timeout: 180_000 }, async () => {
    const base = TestKafka.topicName('pattern');
    const output = path.join(tmp, 'pattern-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await kafka.createTopic(`${base}-in-a`, 2);
    const first = await KeyedLoad.connect(client, `${base}-in-a`, 3);
    closers.push(() => first.close());
    await first.send(100);
    const jobId = await submit([JOB, '--brokers', kafka.bootstrapServers, '--pattern', `^${base}-in-`, '--file-output', output, '--group', TestKafka.topicName('g'), '--prefix', TestKafka.topicName('tx'), '--discovery', '300']);
    await waitFor(() => committed().length === 100, { timeoutMs: 60_000, message: () => `the first topic's 100 counts (${committed().length})` });

    await kafka.createTopic(`${base}-in-b`, 3);
    const second = await KeyedLoad.connect(client, `${base}-in-b`, 3);
    closers.push(() => second.close());
    await second.send(60);
    const expected = new Map([...first.producedPerKey].map(([k, n]) => [k, n + (second.producedPerKey.get(k) ?? 0)]));
    await waitFor(() => caughtUp(committed(), expected), { timeoutMs: 60_000, message: () => `the new topic's records counted (${committed().length} of 160)` });
    expect(checkExactCounts(committed(), expected)).toEqual([]);
    await cluster.cli(['cancel', jobId]);
  });

  it('survives a broker outage: short ones by retrying, long ones through the restart strategy, with the cause in /exceptions (test broker only: a real broker is not ours to stop)', { timeout: 240_000 }, async ({ skip }) => {
    if (!kafka.isMock) skip();
    const input = TestKafka.topicName('outage-in');
    const output = path.join(tmp, 'outage-out');
    const committed = () => readCommittedRecords<[string, number]>(output);
    await kafka.createTopic(input, 2);
    const load = await KeyedLoad.connect(client, input, 4);
    closers.push(() => load.close());
    await load.send(200);
    const jobId = await submit([JOB, '--brokers', kafka.bootstrapServers, '--input', input, '--file-output', output, '--group', TestKafka.topicName('g'), '--retry-timeout', '3000', '--restart-delay', '500']);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: 'the first counts' });

    // Shorter than retry.timeout.ms: the reader retries with back-off and the task never fails.
    const logged = () => cluster.taskManagers.map((t) => t.stderr).join('');
    const before = (logged().match(/is unreachable while reading .*retrying in/g) ?? []).length;
    await kafka.setDown();
    await waitFor(() => (logged().match(/is unreachable while reading .*retrying in/g) ?? []).length > before, { timeoutMs: 30_000, message: 'the reader retrying the unreachable broker' });
    await kafka.setUp();
    await load.send(100);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 60_000, message: 'the counts after the short outage' });
    expect((await cluster.rest<{ 'root-exception': string | null }>(`/jobs/${jobId}/exceptions`))['root-exception']).toBeNull();

    // Longer than retry.timeout.ms: the source fails its task with the cause; the restart strategy retries until the brokers are back.
    await kafka.setDown();
    const cause = await waitFor(
      async () => {
        const ex = await cluster.rest<{ 'root-exception': string | null }>(`/jobs/${jobId}/exceptions`);
        return ex['root-exception'] && /Kafka at .* is unreachable/.test(ex['root-exception']) ? ex['root-exception'] : undefined;
      },
      { timeoutMs: 60_000, message: 'the unreachable broker as the root exception' },
    );
    expect(cause).toContain(kafka.bootstrapServers.split(',')[0]);
    await kafka.setUp();
    await load.send(300);
    await waitFor(() => caughtUp(committed(), load.producedPerKey), { timeoutMs: 90_000, message: () => `the counts after the outage (${committed().length} of ${load.total})` });
    expect(checkExactCounts(committed(), load.producedPerKey)).toEqual([]);
    expect(await cluster.jobState(jobId)).toBe('RUNNING');
    await cluster.cli(['cancel', jobId]);
  });
});
