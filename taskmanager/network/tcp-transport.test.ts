import * as path from 'node:path';
import { freePort } from '../../test/harness/free-port';
import { spawn } from 'node:child_process';
import { testWorkingDirectory } from '../../test/harness/test-working-directory';
import * as net from 'node:net';
import { MessageChannel } from 'node:worker_threads';
import { build } from 'esbuild';
import { PackrStream, UnpackrStream } from 'msgpackr';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch } from '../../common/record-codec';
import { channelKey, type ChannelMessage } from './channel-types';
import { type CreditBasedNetworkEnvironment, createNetworkEnvironment } from './network-environment';
import { END, PacedWriter, batch, comparable, liveHandles, noMoreHandlesThan, readAll, stream, waitFor } from './network-test-support';
import { WIRE, type WireMessage } from './wire-messages';

const norm = (msgs: ChannelMessage[]): unknown[] => msgs.map((m) => comparable(m, decodeBatch));

function env(port = 0, extra: { connectRetryMs?: number } = {}): Promise<CreditBasedNetworkEnvironment> {
  return createNetworkEnvironment({ host: '127.0.0.1', port, slot: 0, peers: new Map(), ...extra });
}


/** A hand-driven protocol endpoint on a raw socket, to check what goes over the wire. */
class RawEndpoint {
  readonly received: WireMessage[] = [];
  readonly chunks: Buffer[] = [];
  private readonly packr = new PackrStream({ useRecords: false });
  constructor(readonly socket: net.Socket) {
    const unpackr = new UnpackrStream({ useRecords: false });
    socket.on('data', (chunk: Buffer) => this.chunks.push(chunk));
    socket.on('error', () => {});
    socket.pipe(unpackr);
    unpackr.on('data', (w: WireMessage) => this.received.push(w));
    this.packr.pipe(socket);
  }
  send(wire: WireMessage): void {
    this.packr.write(wire);
  }
}

describe('tcp transport', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  async function envs(n: number, extra: { connectRetryMs?: number } = {}): Promise<CreditBasedNetworkEnvironment[]> {
    const list: CreditBasedNetworkEnvironment[] = [];
    for (let i = 0; i < n; i++) {
      const e = await env(0, extra);
      cleanup.push(() => e.close());
      list.push(e);
    }
    return list;
  }

  it('speaks the protocol with msgpack frames and binary payloads as bin', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const accepted = new Promise<RawEndpoint>((resolve) => server.once('connection', (s) => resolve(new RawEndpoint(s))));
    cleanup.push(async () => {
      (await accepted).socket.destroy();
    });
    const [producer] = await envs(1);
    const key = channelKey('job', 1, 'e', 0, 0);
    const out = producer!.createOutputChannel(key, { kind: 'remote', host: '127.0.0.1', port: (server.address() as net.AddressInfo).port });
    const payload = new Uint8Array(encodeBatch([{ big: 'x'.repeat(40_000) }, 42]));
    out.send({ kind: 'buffer', data: payload, records: 2 });
    out.send(END);
    const raw = await accepted;
    await waitFor(() => raw.received.length === 1, 'the open');
    expect(raw.received[0]).toEqual({ t: WIRE.OPEN, key });
    expect(out.backlog).toBe(2); // no credit yet
    raw.send({ t: WIRE.CREDIT, key, n: 1 });
    await waitFor(() => raw.received.length === 2, 'one message for one credit');
    const msg = raw.received[1]!;
    if (msg.t !== WIRE.MSG || msg.m.kind !== 'buffer') throw new Error(`unexpected ${JSON.stringify(msg)}`);
    expect(msg.m.data).toBeInstanceOf(Uint8Array);
    expect(Uint8Array.from(msg.m.data)).toEqual(payload);
    // On the wire: bin16 (0xc5) of the payload's exact length, then the payload bytes.
    const bytes = Buffer.concat(raw.chunks);
    const at = bytes.indexOf(Buffer.from(payload));
    expect(at).toBeGreaterThan(3);
    expect(bytes[at - 3]).toBe(0xc5);
    expect(bytes.readUInt16BE(at - 2)).toBe(payload.byteLength);
    raw.send({ t: WIRE.CREDIT, key, n: 1 });
    out.close();
    await waitFor(() => raw.received.length === 4, 'end-of-partition and close');
    expect(raw.received.slice(2)).toEqual([{ t: WIRE.MSG, key, m: END }, { t: WIRE.CLOSE, key }]);
  });

  it('multiplexes many channels over one connection per remote endpoint', async () => {
    const [producer, consumer] = await envs(2);
    const location = { kind: 'remote', host: '127.0.0.1', port: consumer!.dataPort } as const;
    const streams: ChannelMessage[][] = [];
    const readers: Promise<ChannelMessage[]>[] = [];
    const writers: PacedWriter[] = [];
    for (let i = 0; i < 24; i++) {
      const key = channelKey('job', 1, `e${i % 3}`, i, 0);
      // Half the consumers register before, half after their producer opened.
      if (i % 2 === 0) readers.push(readAll(consumer!.createInputChannel(key)));
      streams.push(stream(6 + (i % 5), 8));
      writers.push(new PacedWriter(producer!.createOutputChannel(key, location), streams[i]!));
      if (i % 2 === 1) {
        await waitFor(() => consumer!.isOpenPending(key), 'the open');
        readers.push(readAll(consumer!.createInputChannel(key)));
      }
    }
    const received = await Promise.all(readers);
    await Promise.all(writers.map((w) => w.done));
    for (let i = 0; i < streams.length; i++) expect(norm(received[i]!)).toEqual(norm(streams[i]!));
    expect(producer!.connectionCounts()).toEqual({ outgoing: 1, accepted: 0 });
    expect(consumer!.connectionCounts()).toEqual({ outgoing: 0, accepted: 1 });
  });

  it('refuses record batches passed by reference', async () => {
    const [producer, consumer] = await envs(2);
    const out = producer!.createOutputChannel('k', { kind: 'remote', host: '127.0.0.1', port: consumer!.dataPort });
    expect(() => out.send({ kind: 'records', records: [1] })).toThrow(/not local/);
  });

  it('retries connecting while the consumer worker is still starting', async () => {
    const port = await freePort();
    const [producer] = await envs(1);
    const key = channelKey('job', 1, 'e', 0, 0);
    const messages = stream(10);
    const writer = new PacedWriter(producer!.createOutputChannel(key, { kind: 'remote', host: '127.0.0.1', port }), messages);
    // Nothing listens yet; the producer's first attempts are refused.
    await waitFor(() => writer.sawUnwritable, 'the producer to block');
    const consumer = await env(port);
    cleanup.push(() => consumer.close());
    const received = await readAll(consumer.createInputChannel(key));
    await writer.done;
    expect(norm(received)).toEqual(norm(messages));
  });

  it('fails output channels when the remote cannot be reached', async () => {
    const port = await freePort();
    const [producer] = await envs(1, { connectRetryMs: 150 });
    const location = { kind: 'remote', host: '127.0.0.1', port } as const;
    const a = producer!.createOutputChannel('a', location);
    const b = producer!.createOutputChannel('b', location);
    const errors = await Promise.all([a, b].map((c) => new Promise<Error>((resolve) => c.onError(resolve))));
    for (const err of errors) expect(err.message).toMatch(/cannot connect/);
    expect(producer!.connectionCounts().outgoing).toBe(0);
    expect(() => a.send(batch(0))).toThrow(/cannot connect/);
  });

  it('fails the producer\'s channels when the consumer side goes away', async () => {
    const [producer, consumer] = await envs(2);
    const key = channelKey('job', 1, 'e', 0, 0);
    const input = consumer!.createInputChannel(key);
    const out = producer!.createOutputChannel(key, { kind: 'remote', host: '127.0.0.1', port: consumer!.dataPort });
    const failed = new Promise<Error>((resolve) => out.onError(resolve));
    const writer = new PacedWriter(out, stream(100));
    writer.done.catch(() => {}); // the failure is asserted through onError below
    await waitFor(() => input.queued === 4 && writer.sawUnwritable, 'the channel to fill up');
    await consumer!.close();
    expect((await failed).message).toMatch(/lost/);
  });

  it('fails the consumer\'s unfinished channels when the producer\'s connection drops', async () => {
    const [producer, consumer] = await envs(2);
    const location = { kind: 'remote', host: '127.0.0.1', port: consumer!.dataPort } as const;
    const live = consumer!.createInputChannel('live');
    const finished = consumer!.createInputChannel('finished');
    const errors: string[] = [];
    finished.onError(() => errors.push('finished'));
    const failed = new Promise<Error>((resolve) => live.onError(resolve));
    producer!.createOutputChannel('live', location).send(batch(0));
    producer!.createOutputChannel('finished', location).send(END);
    await waitFor(() => live.queued === 1 && finished.queued === 1, 'both channels to receive');
    await producer!.close();
    expect((await failed).message).toMatch(/lost/);
    expect(errors).toEqual([]);
    expect(live.poll()).toBeDefined();
    expect(finished.poll()).toEqual(END);
  });

  it('fails a consumer channel when a raw connection drops mid-stream', async () => {
    const [consumer] = await envs(1);
    const input = consumer!.createInputChannel('k');
    const socket = net.connect(consumer!.dataPort, '127.0.0.1');
    const raw = new RawEndpoint(socket);
    raw.send({ t: WIRE.OPEN, key: 'k' });
    await waitFor(() => raw.received.length === 1, 'credits');
    expect(raw.received[0]).toEqual({ t: WIRE.CREDIT, key: 'k', n: 4 });
    raw.send({ t: WIRE.MSG, key: 'k', m: batch(0) });
    raw.send({ t: WIRE.MSG, key: 'unknown', m: batch(0) }); // dropped silently
    await waitFor(() => input.queued === 1, 'the message');
    const failed = new Promise<Error>((resolve) => input.onError(resolve));
    socket.destroy();
    expect((await failed).message).toMatch(/lost/);
  });

  it('close() releases every socket, server, port and timer', async () => {
    const before = liveHandles();
    const { port1, port2 } = new MessageChannel();
    const a = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 0, peers: new Map([[1, port1]]) });
    const b = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 1, peers: new Map([[0, port2]]) });
    const unreachable = await freePort();
    const readers = [readAll(b.createInputChannel('tcp')), readAll(b.createInputChannel('peer'))];
    await new PacedWriter(a.createOutputChannel('tcp', { kind: 'remote', host: '127.0.0.1', port: b.dataPort }), stream(5)).done;
    await new PacedWriter(a.createOutputChannel('peer', { kind: 'peer', slot: 1 }), stream(5)).done;
    await Promise.all(readers);
    a.createOutputChannel('retrying', { kind: 'remote', host: '127.0.0.1', port: unreachable }); // a pending retry timer
    expect(noMoreHandlesThan(before)).toBe(false);
    await a.close();
    await b.close();
    await waitFor(() => noMoreHandlesThan(before), 'handles to be released', 5_000).catch((err: Error) => {
      throw new Error(`${err.message}: before ${JSON.stringify(before)}, after ${JSON.stringify(liveHandles())}`);
    });
  });

  it('close() lets the process exit on its own', async () => {
    const script = `
      const { MessageChannel } = require('node:worker_threads');
      const { createNetworkEnvironment } = require('./network-environment');
      (async () => {
        const { port1, port2 } = new MessageChannel();
        const a = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 0, peers: new Map([[1, port1]]) });
        const b = await createNetworkEnvironment({ host: '127.0.0.1', port: 0, slot: 1, peers: new Map([[0, port2]]) });
        const input = b.createInputChannel('k');
        const out = a.createOutputChannel('k', { kind: 'remote', host: '127.0.0.1', port: b.dataPort });
        a.createOutputChannel('p', { kind: 'peer', slot: 1 });
        const net = require('node:net');
        const probe = net.createServer().listen(0, '127.0.0.1');
        await new Promise((resolve) => probe.once('listening', resolve));
        const unreachable = probe.address().port;
        await new Promise((resolve) => probe.close(resolve));
        a.createOutputChannel('retrying', { kind: 'remote', host: '127.0.0.1', port: unreachable }); // retry timer pending
        out.send({ kind: 'event', event: { type: 'end-of-partition' } });
        await new Promise((resolve) => input.onAvailable(resolve));
        await a.close();
        await b.close();
        console.log('closed');
      })();`;
    const bundle = await build({
      stdin: { contents: script, resolveDir: __dirname, loader: 'js' },
      bundle: true,
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      write: false,
      logLevel: 'silent',
    });
    const child = spawn(process.execPath, ['-e', bundle.outputFiles[0]!.text], {
      // Outside the checkout; `-e` resolves packages from NODE_PATH then.
      cwd: testWorkingDirectory(),
      env: { ...process.env, NODE_PATH: path.join(__dirname, '..', '..', 'node_modules') },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exit = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`child did not exit after close(); stdout: ${stdout}`));
      }, 10_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(stdout.trim()).toBe('closed');
    expect(exit).toBe(0);
  });
});
