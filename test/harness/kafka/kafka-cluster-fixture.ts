import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll } from 'vitest';
import { TestCluster } from '../cluster';
import { TestKafka } from './test-kafka';

/** A Kafka broker (the test broker, or KAFKA_BROKERS) and a Sluice cluster for one test file. */
export interface KafkaClusterFixture {
  readonly kafka: TestKafka;
  readonly client: Kafka;
  readonly cluster: TestCluster;
  /** A temp directory of this file's, removed after its tests. */
  readonly tmp: string;
  /** Closes `close` after the file's tests (in reverse order), before the cluster and the broker stop. */
  defer(close: () => Promise<void>): void;
}

/**
 * Registers the file's beforeAll/afterAll: the broker, its client, a cluster of `taskManagers`
 * x `slots` and a temp directory; afterwards everything deferred is closed (failures ignored:
 * a test that failed may have closed it already), then the cluster, the broker and the directory.
 */
export function useKafkaCluster(opts: { taskManagers: number; slots?: number }): KafkaClusterFixture {
  let started: { kafka: TestKafka; client: Kafka; cluster: TestCluster; tmp: string } | undefined;
  const closers: Array<() => Promise<void>> = [];
  const get = () => {
    if (!started) throw new Error('the Kafka cluster fixture is used before its beforeAll ran');
    return started;
  };
  beforeAll(async () => {
    const kafka = await TestKafka.start();
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-kafka-test-'));
    started = { kafka, client: kafka.client(), tmp, cluster: await TestCluster.start(opts) };
  }, 600_000);
  afterAll(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await started?.cluster.stop();
    await started?.kafka.stop();
    if (started) fs.rmSync(started.tmp, { recursive: true, force: true });
  });
  return {
    get kafka() {
      return get().kafka;
    },
    get client() {
      return get().client;
    },
    get cluster() {
      return get().cluster;
    },
    get tmp() {
      return get().tmp;
    },
    defer: (close) => void closers.push(close),
  };
}
