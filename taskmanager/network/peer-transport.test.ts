import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../common/record-codec';
import { channelKey, type ChannelMessage } from './channel-types';
import { type CreditBasedNetworkEnvironment, createNetworkEnvironment } from './network-environment';
import { END, PacedWriter, batch, comparable, readAll, stream, waitFor } from './network-test-support';

const END_EVENT = { type: 'end-of-partition' };

const norm = (msgs: ChannelMessage[]): unknown[] => msgs.map((m) => comparable(m, decodeBatch));

describe('peer transport', () => {
  const envs: CreditBasedNetworkEnvironment[] = [];
  afterEach(async () => {
    for (const env of envs.splice(0)) await env.close();
  });

  async function mesh(): Promise<[CreditBasedNetworkEnvironment, CreditBasedNetworkEnvironment]> {
    const { port1, port2 } = new MessageChannel();
    const a = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 0, peers: new Map([[1, port1]]) });
    const b = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 1, peers: new Map([[0, port2]]) });
    envs.push(a, b);
    return [a, b];
  }

  it('carries both directions of several channels over one port', async () => {
    const [a, b] = await mesh();
    const ab = channelKey('job', 1, 'x', 0, 1);
    const ba = channelKey('job', 1, 'y', 1, 0);
    const ab2 = channelKey('job', 1, 'x', 2, 1);
    const readers = [readAll(b.createInputChannel(ab)), readAll(a.createInputChannel(ba)), readAll(b.createInputChannel(ab2))];
    const streams = [stream(15), stream(12), stream(9)];
    const writers = [
      new PacedWriter(a.createOutputChannel(ab, { kind: 'peer', slot: 1 }), streams[0]!),
      new PacedWriter(b.createOutputChannel(ba, { kind: 'peer', slot: 0 }), streams[1]!),
      new PacedWriter(a.createOutputChannel(ab2, { kind: 'peer', slot: 1 }), streams[2]!),
    ];
    await Promise.all(writers.map((w) => w.done));
    const received = await Promise.all(readers);
    for (let i = 0; i < 3; i++) expect(norm(received[i]!)).toEqual(norm(streams[i]!));
  });

  it('transfers exclusively owned buffers and copies views of shared ones', async () => {
    const [a, b] = await mesh();
    const key = channelKey('job', 1, 'x', 0, 1);
    const reading = readAll(b.createInputChannel(key));
    const out = a.createOutputChannel(key, { kind: 'peer', slot: 1 });
    const owned = encodeBatch([1, 2, 3]); // the codec's output is exclusively owned
    const encoded = encodeBatch(['a', 'b']);
    const larger = new Uint8Array(encoded.byteLength + 8);
    larger.set(encoded, 4);
    const shared = larger.subarray(4, 4 + encoded.byteLength); // a view into a larger buffer
    const sharedBytes = Uint8Array.from(shared);
    out.send({ kind: 'buffer', data: owned, records: 3 });
    out.send({ kind: 'buffer', data: shared, records: 2 });
    out.send(END);
    const received = await reading;
    expect(owned.byteLength).toBe(0); // transferred, i.e. detached here
    expect(Uint8Array.from(shared)).toEqual(sharedBytes); // untouched
    expect(received.map((m) => comparable(m, decodeBatch))).toEqual([
      { records: [1, 2, 3], count: 3 },
      { records: ['a', 'b'], count: 2 },
      END_EVENT,
    ]);
    // Sending a detached buffer again is caught instead of delivering an empty batch.
    const key2 = channelKey('job', 1, 'x', 1, 1);
    const out2 = a.createOutputChannel(key2, { kind: 'peer', slot: 1 });
    expect(() => out2.send({ kind: 'buffer', data: owned, records: 3 })).toThrow(/detached/);
  });

  it('refuses record batches passed by reference', async () => {
    const [a] = await mesh();
    const out = a.createOutputChannel(channelKey('job', 1, 'x', 0, 1), { kind: 'peer', slot: 1 });
    expect(out.isLocal).toBe(false);
    expect(() => out.send({ kind: 'records', records: [1] })).toThrow(/not local/);
  });

  it('fails the channels of a peer whose environment closes', async () => {
    const [a, b] = await mesh();
    const toB = channelKey('job', 1, 'x', 0, 1);
    const toA = channelKey('job', 1, 'y', 1, 0);
    const done = channelKey('job', 1, 'z', 1, 0);
    const inA = a.createInputChannel(toA);
    const inDone = a.createInputChannel(done);
    const outA = a.createOutputChannel(toB, { kind: 'peer', slot: 1 });
    b.createInputChannel(toB);
    const outB = b.createOutputChannel(toA, { kind: 'peer', slot: 0 });
    const outDone = b.createOutputChannel(done, { kind: 'peer', slot: 0 });
    outB.send(batch(0));
    outDone.send(END);
    await waitFor(() => inA.queued === 1 && inDone.queued === 1, 'data at a');
    const errors: string[] = [];
    inA.onError(() => errors.push('input'));
    outA.onError(() => errors.push('output'));
    inDone.onError(() => errors.push('finished input'));

    await b.close();
    await waitFor(() => errors.length >= 2, 'errors at a');
    expect(errors.sort()).toEqual(['input', 'output']);
    expect(inA.poll()).toBeDefined(); // what arrived stays readable
    expect(inDone.poll()).toEqual(END);
    // Later channels to the dead peer fail too, rather than hang.
    const late = a.createOutputChannel(channelKey('job', 1, 'late', 0, 1), { kind: 'peer', slot: 1 });
    const lateError = await new Promise<Error>((resolve) => late.onError(resolve));
    expect(lateError.message).toMatch(/slot 1/);
  });
});
