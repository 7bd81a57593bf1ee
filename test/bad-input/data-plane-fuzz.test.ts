import * as net from 'node:net';
import { Packr } from 'msgpackr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelKey } from '../../taskmanager/network/channel-types';
import { type CreditBasedNetworkEnvironment, createNetworkEnvironment } from '../../taskmanager/network/network-environment';
import { END, batch, readAll } from '../../taskmanager/network/network-test-support';
import { WIRE, isWireMessage } from '../../taskmanager/network/wire-messages';
import { SeededRandom } from './seeded-random';

/**
 * Seeded fuzz of the data-plane decoder: random bytes, random msgpack values and mutated
 * protocol frames, over real TCP connections to a worker's data port. Bounded in count and
 * time. The worker must never throw, must end up holding no connection that sent garbage, and
 * must still carry a real channel afterwards.
 */
const SEED = 20261201;
const CASES = 300;
const packr = new Packr({ useRecords: false });
let consumer: CreditBasedNetworkEnvironment;

beforeAll(async () => {
  consumer = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 0, peers: new Map() });
});
afterAll(async () => {
  await consumer.close();
});

function mutatedFrame(r: SeededRandom): unknown {
  const key = r.pick([channelKey('a'.repeat(32), r.int(3), 'e', r.int(4), r.int(4)), '', r.string(30), 'k'.repeat(r.int(2000))]);
  const frames: unknown[] = [
    { t: WIRE.OPEN, key },
    { t: WIRE.CLOSE, key },
    { t: WIRE.CREDIT, key, n: r.pick([1, 0, -5, 1e12, NaN, '3']) },
    { t: WIRE.MSG, key, m: r.value(2) },
    { t: WIRE.MSG, key, m: { kind: r.pick(['batch', 'event', 'records', 'x']), data: r.bytes(r.int(64)), event: r.value(2) } },
    { t: r.int(10), key: r.value(1) },
    { t: r.value(1), key, n: r.value(1), m: r.value(1) },
  ];
  return r.pick(frames);
}

function input(r: SeededRandom): Buffer {
  switch (r.int(3)) {
    case 0:
      return r.bytes(1 + r.int(4096));
    case 1:
      return Buffer.concat(Array.from({ length: 1 + r.int(20) }, () => packr.pack(r.value(3))));
    default:
      return Buffer.concat(Array.from({ length: 1 + r.int(50) }, () => packr.pack(mutatedFrame(r))));
  }
}

function sendAndHangUp(port: number, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(bytes));
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    // A connection whose frames were all valid stays open on the worker's side: hang up ourselves.
    setTimeout(() => socket.destroy(), 300).unref();
  });
}

describe(`data-plane decoder fuzz (seed ${SEED}, ${CASES} inputs)`, () => {
  it('the envelope check never throws on any decoded value', () => {
    const r = new SeededRandom(SEED);
    for (let i = 0; i < 5_000; i++) {
      const v = r.next() < 0.5 ? r.value(4) : mutatedFrame(r);
      expect(() => isWireMessage(v)).not.toThrow();
    }
  });

  it('random and mutated frames over TCP: the worker survives, drops every such connection and still serves', { timeout: 60_000 }, async () => {
    const r = new SeededRandom(SEED);
    const started = Date.now();
    for (let i = 0; i < CASES; i += 25) {
      const batchInputs = Array.from({ length: Math.min(25, CASES - i) }, () => input(r));
      await Promise.all(batchInputs.map((b) => sendAndHangUp(consumer.dataPort, b)));
    }
    expect(Date.now() - started).toBeLessThan(45_000);
    await new Promise<void>((resolve) => {
      const check = () => (consumer.connectionCounts().accepted === 0 ? resolve() : setTimeout(check, 20));
      check();
    });
    const producer = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 1, peers: new Map() });
    try {
      const key = channelKey('b'.repeat(32), 1, 'e', 0, 0);
      const reading = readAll(consumer.createInputChannel(key));
      const out = producer.createOutputChannel(key, { kind: 'remote', host: '127.0.0.1', port: consumer.dataPort });
      out.send(batch(3));
      out.send(END);
      expect(await reading).toHaveLength(2);
    } finally {
      await producer.close();
    }
  });
});
