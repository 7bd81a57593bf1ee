import type { Consumer, Kafka, Producer } from 'kafkajs';
import { waitFor } from '../wait-for';

/**
 * Load and checks for Kafka end-to-end tests: a producer that keeps writing keyed records while
 * the test kills processes, and a read_committed consumer that sees what a downstream
 * application would see of an exactly-once sink's output.
 */
export class KeyedLoad {
  readonly producedPerKey = new Map<string, number>();
  private produced = 0;
  private timer: NodeJS.Timeout | null = null;
  private sending: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private target = 0;

  private constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly keys: number,
  ) {}

  static async connect(client: Kafka, topic: string, keys: number): Promise<KeyedLoad> {
    const producer = client.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    return new KeyedLoad(producer, topic, keys);
  }

  get total(): number {
    return this.produced;
  }

  /** Writes `batch` records every `everyMs` (load, not synchronisation) until `total` are written in all. */
  start(opts: { total: number; batch: number; everyMs: number }): void {
    this.target = opts.total;
    let scheduled = this.produced;
    this.timer = setInterval(() => {
      if (scheduled >= opts.total) return this.pause();
      const n = Math.min(opts.batch, opts.total - scheduled);
      scheduled += n;
      this.sending = this.sending.then(() => this.send(n)).catch((err) => void (this.failure ??= err));
    }, opts.everyMs);
  }

  /** Writes `n` records now. */
  async send(n: number): Promise<void> {
    const messages = [];
    for (let i = 0; i < n; i++) {
      const key = `k${(this.produced + i) % this.keys}`;
      messages.push({ key, value: key });
    }
    await this.producer.send({ topic: this.topic, messages });
    for (const m of messages) this.producedPerKey.set(m.key, (this.producedPerKey.get(m.key) ?? 0) + 1);
    this.produced += n;
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Resolves once the `total` of `start` is written; rethrows a failed send. */
  async finished(timeoutMs = 120_000): Promise<void> {
    await waitFor(() => this.produced >= this.target || this.failure, { timeoutMs, message: () => `the load to write ${this.target} records (${this.produced} so far)` });
    await this.sending;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.pause();
    await this.sending.catch(() => undefined);
    await this.producer.disconnect();
  }
}

/** A read_committed consumer of a whole topic (its own group, from the beginning). */
export class CommittedReader {
  /** The values, parsed as JSON ([key, count] for the running-count job). */
  readonly values: Array<[string, number]> = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(client: Kafka, topic: string, groupId: string): Promise<CommittedReader> {
    const consumer = client.consumer({ groupId, maxWaitTimeInMs: 100, readUncommitted: false });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const reader = new CommittedReader(consumer);
    await consumer.run({ eachBatch: async ({ batch }) => void reader.values.push(...batch.messages.map((m) => JSON.parse(m.value!.toString()) as [string, number])) });
    return reader;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}

/**
 * Exactly-once running counts: for each key, the committed updates are [key, 1] … [key, n]
 * with n the number of input records of the key: none missing, none twice.
 */
export function checkExactCounts(values: ReadonlyArray<[string, number]>, producedPerKey: ReadonlyMap<string, number>): string[] {
  const counts = new Map<string, number[]>();
  for (const [key, count] of values) {
    counts.set(key, [...(counts.get(key) ?? []), count]);
  }
  const problems: string[] = [];
  for (const [key, n] of producedPerKey) {
    const seen = (counts.get(key) ?? []).sort((a, b) => a - b);
    const duplicates = seen.filter((c, i) => i > 0 && seen[i - 1] === c);
    const missing: number[] = [];
    for (let c = 1, j = 0; c <= n; c++) {
      while (j < seen.length && seen[j]! < c) j++;
      if (seen[j] !== c) missing.push(c);
    }
    if (duplicates.length > 0 || missing.length > 0 || seen.length !== n)
      problems.push(`${key}: ${seen.length} updates for ${n} records; duplicates ${JSON.stringify(duplicates.slice(0, 10))}, missing ${JSON.stringify(missing.slice(0, 10))}${missing.length > 10 ? ` (+${missing.length - 10})` : ''}`);
  }
  for (const key of counts.keys()) if (!producedPerKey.has(key)) problems.push(`${key}: updates for a key never produced`);
  return problems;
}

/** Every key's final count committed: the job has caught up with the input. */
export function caughtUp(values: ReadonlyArray<[string, number]>, producedPerKey: ReadonlyMap<string, number>): boolean {
  const max = new Map<string, number>();
  for (const [key, count] of values) {
    if (count > (max.get(key) ?? 0)) max.set(key, count);
  }
  for (const [key, n] of producedPerKey) if ((max.get(key) ?? 0) < n) return false;
  return true;
}
