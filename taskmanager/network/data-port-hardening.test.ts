import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { PackrStream } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { channelKey } from './channel-types';
import { type CreditBasedNetworkEnvironment, MAX_HELD_OPENS_PER_LINK, createNetworkEnvironment } from './network-environment';
import { batch, readAll, END } from './network-test-support';
import { WIRE } from './wire-messages';

/**
 * Issue 12, bug 6: the data port meets bytes from anyone who can reach it. Garbage or forged
 * frames close the connection on the first bad frame with one log line; forged OPENs cannot
 * grow memory; the worker keeps serving its real channels.
 */
describe('data port hardening', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  async function consumerEnv(): Promise<CreditBasedNetworkEnvironment> {
    const e = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 0, peers: new Map() });
    cleanup.push(() => e.close());
    return e;
  }

  /** Everything this process logs to stderr while fn runs. */
  async function stderrDuring(fn: () => Promise<void>): Promise<string> {
    const original = process.stderr.write.bind(process.stderr);
    let captured = '';
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      await fn();
    } finally {
      process.stderr.write = original;
    }
    return captured;
  }

  function connect(port: number): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const s = net.connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', reject);
      cleanup.push(() => void s.destroy());
    });
  }

  const closed = (socket: net.Socket) => new Promise<void>((resolve) => (socket.closed ? resolve() : socket.once('close', () => resolve())));

  /** The worker still carries a real channel end to end after the abuse. */
  async function stillServes(consumer: CreditBasedNetworkEnvironment): Promise<void> {
    const producer = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 1, peers: new Map() });
    cleanup.push(() => producer.close());
    const key = channelKey('f'.repeat(32), 1, 'e', 0, 0);
    const reading = readAll(consumer.createInputChannel(key));
    const out = producer.createOutputChannel(key, { kind: 'remote', host: '127.0.0.1', port: consumer.dataPort });
    out.send(batch(7));
    out.send(END);
    expect(await reading).toHaveLength(2);
  }

  it('100 KB of garbage: the connection is closed on the first bad frame and logged once', async () => {
    const consumer = await consumerEnv();
    const logged = await stderrDuring(async () => {
      const socket = await connect(consumer.dataPort);
      // Random bytes, as a port scanner or a confused client sends: most decode as small msgpack
      // values (each once made a WARN line), until one does not decode at all.
      socket.write(Buffer.concat([Buffer.from([0x01, 0x02, 0x03]), randomBytes(100 * 1024)]));
      await closed(socket);
    });
    expect(logged.split('\n').filter((l) => /data connection|malformed|protocol violation/.test(l))).toHaveLength(1);
    expect(logged.length).toBeLessThan(2_000);
    expect(consumer.connectionCounts().accepted).toBe(0);
    await stillServes(consumer);
  });

  it('well-formed msgpack that is not a data-plane frame closes the connection at once', async () => {
    const consumer = await consumerEnv();
    const logged = await stderrDuring(async () => {
      const socket = await connect(consumer.dataPort);
      const packr = new PackrStream({ useRecords: false });
      packr.pipe(socket);
      for (let i = 0; i < 10_000; i++) packr.write({ hello: i });
      await closed(socket);
    });
    expect(logged.split('\n').filter((l) => /protocol violation/.test(l))).toHaveLength(1);
    await stillServes(consumer);
  });

  it('forged OPEN frames beyond the per-connection bound close the connection; memory does not grow with them', async () => {
    const consumer = await consumerEnv();
    const socket = await connect(consumer.dataPort);
    const packr = new PackrStream({ useRecords: false });
    packr.pipe(socket);
    const forged = 200_000;
    for (let i = 0; i < forged; i++) packr.write({ t: WIRE.OPEN, key: channelKey('0'.repeat(32), 1, 'e', i, 0) });
    await closed(socket);
    // The held opens of the closed connection are forgotten with it.
    for (let i = 0; i < MAX_HELD_OPENS_PER_LINK + 10; i++) expect(consumer.isOpenPending(channelKey('0'.repeat(32), 1, 'e', i, 0))).toBe(false);
    await stillServes(consumer);
  });

  it('an OPEN with an absurd key closes the connection', async () => {
    const consumer = await consumerEnv();
    const socket = await connect(consumer.dataPort);
    const packr = new PackrStream({ useRecords: false });
    packr.pipe(socket);
    packr.write({ t: WIRE.OPEN, key: 'k'.repeat(100_000) });
    await closed(socket);
    await stillServes(consumer);
  });
});
