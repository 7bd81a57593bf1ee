import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { ManagedProcess } from '../managed-process';
import { ensureTestBroker } from './test-broker-build';

/**
 * The Kafka a test file talks to: a real broker when `KAFKA_BROKERS` is set (a comma-separated
 * host:port list), otherwise a private test broker (librdkafka's patched mock cluster, see
 * test-broker-build.ts) started for this file on free loopback ports and killed by its pid at
 * the end. Tests create their own uniquely named topics, so a shared real broker works too.
 *
 * What the mock lacks (tests of these run only against a real broker, and say so): restart and
 * persistence, retention and compaction, transaction timeouts, ListOffsets by timestamp, DescribeGroups/ListGroups,
 * DeleteTopics, DescribeConfigs, CreatePartitions. What only the mock offers here: `setDown` /
 * `setUp`, a broker outage on demand, and injected protocol errors (`injectErrors` and friends:
 * an authorization failure or a connection lost on exactly the request a test names).
 */
export class TestKafka {
  private admin: Admin | undefined;
  private replies: Array<(line: string) => void> = [];

  private constructor(
    readonly bootstrapServers: string,
    private readonly broker: ManagedProcess | undefined,
  ) {
    broker?.child.stdout!.on('data', () => this.drainReplies());
  }

  /** True when the test runs against the mock: behaviours only a real broker has must be skipped. */
  get isMock(): boolean {
    return this.broker !== undefined;
  }

  get brokers(): string[] {
    return this.bootstrapServers.split(',');
  }

  static async start(opts: { brokers?: number } = {}): Promise<TestKafka> {
    const real = process.env.KAFKA_BROKERS;
    if (real) return new TestKafka(real, undefined);
    const binary = await ensureTestBroker();
    const broker = new ManagedProcess('kafka-test-broker', binary, [String(opts.brokers ?? 1)]);
    const m = await broker.waitForStdout(/^(\S+)\n/, 20_000);
    broker.stdout = broker.stdout.slice(m[0].length);
    return new TestKafka(m[1], broker);
  }

  /** A kafkajs client for the test's own checks (quiet: kafkajs logs every retry at error). */
  client(clientId = 'sluice-test'): Kafka {
    return new Kafka({ clientId, brokers: this.brokers, logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 100 } });
  }

  /** A fresh topic name, unique across runs (a real broker is shared and keeps topics). */
  static topicName(base: string): string {
    return `${base}-${randomUUID().slice(0, 8)}`;
  }

  async createTopic(topic: string, partitions: number): Promise<void> {
    if (!this.admin) {
      this.admin = this.client('sluice-test-admin').admin();
      await this.admin.connect();
    }
    const created = await this.admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: this.isMock ? 1 : -1 }], waitForLeaders: true });
    if (!created) throw new Error(`topic ${topic} already exists`);
  }

  /** Mock only: drops every connection of a broker (-1: all) and refuses new ones until `setUp`. */
  async setDown(brokerId = -1): Promise<void> {
    await this.command(`down ${brokerId}`);
  }

  async setUp(brokerId = -1): Promise<void> {
    await this.command(`up ${brokerId}`);
  }

  /**
   * Mock only: the next `count` requests of `api` (from any client, to any broker) fail with
   * `code`; `ErrorCode.ConnectionLost` drops the connection after the request took effect.
   * Cluster-wide by API key: tests keep their own clients off that API while it is armed.
   */
  async injectErrors(api: number, count: number, code: number): Promise<void> {
    await this.command(`errors ${api} ${count} ${code}`);
  }

  /** Mock only: as injectErrors, for one partition's Produce or Fetch. */
  async injectPartitionErrors(topic: string, partition: number, api: number, count: number, code: number): Promise<void> {
    await this.command(`partition-errors ${topic} ${partition} ${api} ${count} ${code}`);
  }

  /** Mock only: Metadata and AddPartitionsToTxn answer `code` for the topic until it is set back to 0. */
  async setTopicError(topic: string, code: number): Promise<void> {
    await this.command(`topic-error ${topic} ${code}`);
  }

  /** Mock only: drops what injectErrors left unused for `api`. */
  async clearErrors(api: number): Promise<void> {
    await this.command(`clear-errors ${api}`);
  }

  async stop(): Promise<void> {
    await this.admin?.disconnect().catch(() => undefined);
    if (this.broker) {
      this.broker.child.stdin!.end(); // the broker exits when its stdin closes
      const timer = setTimeout(() => this.broker!.kill('SIGKILL'), 5_000);
      await this.broker.exited;
      clearTimeout(timer);
    }
  }

  private command(line: string): Promise<void> {
    if (!this.broker) throw new Error(`"${line}" needs the test broker; this test cannot run against KAFKA_BROKERS`);
    return new Promise((resolve, reject) => {
      this.replies.push((reply) => (reply.startsWith('ok') ? resolve() : reject(new Error(`test broker: ${reply}`))));
      this.broker!.child.stdin!.write(`${line}\n`);
      this.drainReplies();
    });
  }

  private drainReplies(): void {
    const broker = this.broker!;
    for (;;) {
      const nl = broker.stdout.indexOf('\n');
      if (nl < 0 || this.replies.length === 0) return;
      const line = broker.stdout.slice(0, nl);
      broker.stdout = broker.stdout.slice(nl + 1);
      this.replies.shift()!(line);
    }
  }
}
