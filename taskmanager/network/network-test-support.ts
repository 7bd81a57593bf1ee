/**
 * Helpers shared by the network tests (no test runner imports, so it type-checks with the
 * sources). Waiting is always on a condition with a deadline, never a fixed sleep.
 */
import { MessageChannel } from 'node:worker_threads';
import { encodeBatch } from '../../common/record-codec';
import type { ChannelLocation, ChannelMessage, InputChannel, OutputChannel } from './channel-types';
import { type CreditBasedNetworkEnvironment, type NetworkEnvironmentOptions, createNetworkEnvironment } from './network-environment';

export type TransportKind = 'local' | 'peer' | 'remote';

/** A producer environment, a consumer environment and how the producer reaches the consumer. */
export interface EnvPair {
  producer: CreditBasedNetworkEnvironment;
  consumer: CreditBasedNetworkEnvironment;
  location: ChannelLocation;
  close(): Promise<void>;
}

/**
 * Environments wired for one transport: 'local' is a single environment, 'peer' two
 * environments joined by a real MessageChannel, 'remote' two environments over TCP.
 */
export async function createPair(kind: TransportKind, extra: Partial<NetworkEnvironmentOptions> = {}): Promise<EnvPair> {
  const base = { host: '127.0.0.1', port: 0, ...extra };
  if (kind === 'local') {
    const env = await createNetworkEnvironment({ ...base, slot: 0, peers: new Map() });
    return { producer: env, consumer: env, location: { kind: 'local' }, close: () => env.close() };
  }
  const mesh = new MessageChannel();
  const producer = await createNetworkEnvironment({ ...base, slot: 0, peers: new Map([[1, mesh.port1]]) });
  const consumer = await createNetworkEnvironment({ ...base, slot: 1, peers: new Map([[0, mesh.port2]]) });
  const location: ChannelLocation =
    kind === 'peer' ? { kind: 'peer', slot: 1 } : { kind: 'remote', host: '127.0.0.1', port: consumer.dataPort };
  return {
    producer,
    consumer,
    location,
    close: async () => {
      await producer.close();
      await consumer.close();
    },
  };
}

/** Resolves once `condition` holds; rejects with `what` after `timeoutMs`. */
export function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error(`timed out waiting for ${what}`));
      else setTimeout(check, 1);
    };
    check();
  });
}

/**
 * The records each batch() message was made of: sending a buffer on a peer channel transfers
 * (detaches) it, so what was sent is compared by these rather than by decoding it again.
 */
const sentRecords = new WeakMap<ChannelMessage, unknown[]>();

/** A buffer message with `count` records numbered from `first`, encoded like the writers do. */
export function batch(first: number, count = 4): ChannelMessage {
  const records: unknown[] = [];
  for (let i = 0; i < count; i++) records.push({ n: first + i, s: `r${first + i}` });
  const m: ChannelMessage = { kind: 'buffer', data: encodeBatch(records), records: count };
  sentRecords.set(m, records);
  return m;
}

export const END: ChannelMessage = { kind: 'event', event: { type: 'end-of-partition' } };

/** Messages 0..n-1 as batches with a barrier and a watermark in the middle, then end-of-partition. */
export function stream(n: number, recordsPerBatch = 4): ChannelMessage[] {
  const out: ChannelMessage[] = [];
  for (let i = 0; i < n; i++) {
    out.push(batch(i * recordsPerBatch, recordsPerBatch));
    if (i === Math.floor(n / 2)) {
      out.push({ kind: 'event', event: { type: 'barrier', checkpointId: 7, timestamp: Date.now() } });
      out.push({ kind: 'event', event: { type: 'watermark', timestamp: 1_700_000_000_123 } });
    }
  }
  out.push(END);
  return out;
}

/** Sends every message, respecting isWritable/onWritable as a real writer does. */
export class PacedWriter {
  maxBacklog = 0;
  sawUnwritable = false;
  resumed = 0;
  private next = 0;
  readonly done: Promise<void>;

  constructor(private readonly out: OutputChannel, private readonly messages: ChannelMessage[]) {
    this.done = new Promise<void>((resolve, reject) => {
      out.onError(reject);
      out.onWritable(() => {
        this.resumed++;
        this.pump(resolve);
      });
      this.pump(resolve);
    });
  }

  get sent(): number {
    return this.next;
  }

  private pump(resolve: () => void): void {
    while (this.next < this.messages.length) {
      if (!this.out.isWritable()) {
        this.sawUnwritable = true;
        return;
      }
      this.out.send(this.messages[this.next++]!);
      this.maxBacklog = Math.max(this.maxBacklog, this.out.backlog);
    }
    resolve();
  }
}

/** Polls eagerly (on onAvailable) until end-of-partition; `check` runs at every arrival. */
export function readAll(input: InputChannel, check: () => void = () => {}): Promise<ChannelMessage[]> {
  return new Promise((resolve, reject) => {
    const got: ChannelMessage[] = [];
    input.onError(reject);
    const drain = (): void => {
      try {
        check();
        for (let m = input.poll(); m !== undefined; m = input.poll()) {
          got.push(m);
          if (m.kind === 'event' && m.event.type === 'end-of-partition') {
            resolve(got);
            return;
          }
        }
      } catch (err) {
        reject(err);
      }
    };
    input.onAvailable(drain);
    drain();
  });
}

/** Comparable form of a message: decoded (or, for a sent batch(), original) records for buffers, the event as is. */
export function comparable(m: ChannelMessage, decode: (b: Uint8Array) => unknown[]): unknown {
  if (m.kind === 'buffer') return { records: sentRecords.get(m) ?? decode(m.data), count: m.records };
  if (m.kind === 'records') return { records: m.records, count: m.records.length };
  return m.event;
}

/**
 * Counts of the kinds of handles an environment creates (sockets, servers, ports). Timers are
 * left out: the test runner's own come and go; the child-process exit test covers ours.
 */
export function liveHandles(): Record<string, number> {
  const counts: Record<string, number> = { TCPSocketWrap: 0, TCPServerWrap: 0, MessagePort: 0 };
  for (const r of process.getActiveResourcesInfo()) if (r in counts) counts[r]!++;
  return counts;
}

/** True if no kind of handle has more instances than in `before`. */
export function noMoreHandlesThan(before: Record<string, number>): boolean {
  const now = liveHandles();
  return Object.keys(now).every((k) => now[k]! <= (before[k] ?? 0));
}
