import { afterEach, describe, expect, it } from 'vitest';
import { decodeBatch } from '../../common/record-codec';
import { channelKey, type ChannelMessage, type InputChannel, type OutputChannel } from './channel-types';
import {
  END,
  type EnvPair,
  PacedWriter,
  type TransportKind,
  batch,
  comparable,
  createPair,
  readAll,
  stream,
  waitFor,
} from './network-test-support';

const CREDITS = 4;
const MAX_BACKLOG = 2;
const norm = (msgs: ChannelMessage[]): unknown[] => msgs.map((m) => comparable(m, decodeBatch));

describe.each<TransportKind>(['local', 'peer', 'remote'])('%s channels', (kind) => {
  let pair: EnvPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('delivers data and events in order when the consumer registers first', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'e1', 0, 0);
    const input = pair.consumer.createInputChannel(key);
    const reading = readAll(input);
    const out = pair.producer.createOutputChannel(key, pair.location);
    expect(out.isLocal).toBe(kind === 'local');
    const messages = stream(20);
    const writer = new PacedWriter(out, messages);
    await writer.done;
    out.close();
    expect(norm(await reading)).toEqual(norm(messages));
  });

  it('holds the producer open until the consumer registers, then delivers everything', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'e1', 0, 1);
    const out = pair.producer.createOutputChannel(key, pair.location);
    const messages = stream(10);
    const writer = new PacedWriter(out, messages);
    const consumer = pair.consumer;
    await waitFor(() => consumer.isOpenPending(key), 'the open to reach the consumer');
    // No consumer yet, hence no credit: nothing left the producer.
    expect(writer.sent).toBe(MAX_BACKLOG);
    expect(out.backlog).toBe(MAX_BACKLOG);
    expect(out.isWritable()).toBe(false);

    const input = consumer.createInputChannel(key);
    expect(consumer.isOpenPending(key)).toBe(false);
    const received = await readAll(input);
    await writer.done;
    out.close();
    expect(norm(received)).toEqual(norm(messages));
  });

  it('never lets more than initialCredits messages be in flight or queued at the consumer', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'flood', 0, 0);
    const input = pair.consumer.createInputChannel(key);
    const out = pair.producer.createOutputChannel(key, pair.location);
    // A producer ignoring isWritable: everything beyond the credits waits in its backlog.
    const messages = stream(40);
    for (const m of messages) out.send(m);
    let polled = 0;
    const inFlight = (): number => messages.length - out.backlog - polled;
    const received: ChannelMessage[] = [];
    let maxQueued = 0;
    let maxInFlight = 0;
    input.onAvailable(() => {
      maxQueued = Math.max(maxQueued, input.queued);
      maxInFlight = Math.max(maxInFlight, inFlight());
    });
    while (received.length < messages.length) {
      // Slow consumer: let the producer use up all its credit, then take a single message.
      await waitFor(() => input.queued === CREDITS || out.backlog === 0, 'credits to be used up');
      maxQueued = Math.max(maxQueued, input.queued);
      maxInFlight = Math.max(maxInFlight, inFlight());
      expect(input.queued).toBeLessThanOrEqual(CREDITS);
      expect(inFlight()).toBeLessThanOrEqual(CREDITS);
      await waitFor(() => input.queued > 0, 'a message');
      received.push(input.poll()!);
      polled++;
    }
    expect(maxQueued).toBe(CREDITS);
    expect(maxInFlight).toBeLessThanOrEqual(CREDITS);
    expect(norm(received)).toEqual(norm(messages));
    expect(input.poll()).toBeUndefined();
  });

  it('back-pressures a paced producer with bounded memory and resumes it via onWritable', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'slow', 0, 0);
    const input = pair.consumer.createInputChannel(key);
    const out = pair.producer.createOutputChannel(key, pair.location);
    const messages = stream(30);
    const writer = new PacedWriter(out, messages);
    let finished = false;
    void writer.done.then(() => (finished = true));
    const received: ChannelMessage[] = [];
    while (received.length < messages.length) {
      // Wait until the producer is blocked (or done), then consume one message.
      await waitFor(() => !out.isWritable() || finished, 'the producer to block');
      expect(out.backlog).toBeLessThanOrEqual(MAX_BACKLOG);
      expect(input.queued).toBeLessThanOrEqual(CREDITS);
      await waitFor(() => input.queued > 0, 'a message');
      received.push(input.poll()!);
    }
    await writer.done;
    expect(writer.sawUnwritable).toBe(true);
    expect(writer.resumed).toBeGreaterThan(0);
    expect(writer.maxBacklog).toBeLessThanOrEqual(MAX_BACKLOG + 1);
    expect(norm(received)).toEqual(norm(messages));
  });

  it('releaseChannels drops a cancelled attempt while another attempt keeps working', async () => {
    pair = await createPair(kind);
    const errors: Error[] = [];
    const oldKey = channelKey('job', 1, 'e', 0, 0);
    const newKey = channelKey('job', 2, 'e', 0, 0);
    const oldIn = pair.consumer.createInputChannel(oldKey);
    const oldOut = pair.producer.createOutputChannel(oldKey, pair.location);
    oldIn.onError((e) => errors.push(e));
    oldOut.onError((e) => errors.push(e));
    const oldWriter = new PacedWriter(oldOut, stream(50));
    const newIn = pair.consumer.createInputChannel(newKey);
    const reading = readAll(newIn);
    const newOut = pair.producer.createOutputChannel(newKey, pair.location);
    const messages = stream(30);

    // The old attempt is mid-stream: blocked on credits with messages queued at the consumer.
    await waitFor(() => oldIn.queued === CREDITS && !oldOut.isWritable(), 'the old attempt to block');
    // Free one credit and wait until the producer used it: that message is now in flight and
    // arrives after the consumer side was released, to be dropped silently.
    const sentBefore = oldWriter.sent;
    oldIn.poll();
    await waitFor(() => oldWriter.sent > sentBefore, 'the producer to use the credit');
    pair.consumer.releaseChannels('job/1/');
    expect(oldIn.queued).toBe(0);
    expect(oldIn.poll()).toBeUndefined();
    pair.producer.releaseChannels('job/1/');
    expect(oldOut.backlog).toBe(0);
    oldOut.send(batch(0)); // a cancelled task still writing: ignored, not thrown
    pair.producer.releaseChannels('job/1/'); // idempotent

    const newWriter = new PacedWriter(newOut, messages);
    await newWriter.done;
    newOut.close();
    expect(norm(await reading)).toEqual(norm(messages));
    expect(oldWriter.sent).toBeLessThan(50);
    expect(errors).toEqual([]);
  });

  it('releasing a producer forgets its open still held at the consumer', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 3, 'e', 0, 0);
    const out = pair.producer.createOutputChannel(key, pair.location);
    out.send(batch(0));
    const consumer = pair.consumer;
    await waitFor(() => consumer.isOpenPending(key), 'the open');
    pair.producer.releaseChannels('job/3/');
    await waitFor(() => !consumer.isOpenPending(key), 'the consumer to forget the open');
  });

  it('closes gracefully: end-of-partition waiting for credit still goes out', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'close', 0, 0);
    const out = pair.producer.createOutputChannel(key, pair.location);
    for (let i = 0; i < 6; i++) out.send(batch(i * 4));
    out.send(END);
    out.close(); // backlog not drained yet: close must wait for it
    expect(() => out.send(batch(99))).toThrow(/closed/);
    const input: InputChannel = pair.consumer.createInputChannel(key);
    const received = await readAll(input);
    expect(received).toHaveLength(7);
    expect(received[6]).toEqual(END);
  });

  it('rejects duplicate channels', async () => {
    pair = await createPair(kind);
    const key = channelKey('job', 1, 'dup', 0, 0);
    const out: OutputChannel = pair.producer.createOutputChannel(key, pair.location);
    expect(() => pair!.producer.createOutputChannel(key, pair!.location)).toThrow(/already exists/);
    pair.consumer.createInputChannel(key);
    expect(() => pair!.consumer.createInputChannel(key)).toThrow(/already exists/);
    out.close();
  });
});
