import { afterEach, describe, expect, it } from 'vitest';
import { channelKey, type ChannelMessage } from './channel-types';
import { END, type EnvPair, createPair, readAll } from './network-test-support';

describe('local transport', () => {
  let pair: EnvPair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('passes record batches by reference, in order with events', async () => {
    pair = await createPair('local');
    const key = channelKey('job', 1, 'e', 0, 0);
    const input = pair.consumer.createInputChannel(key);
    const out = pair.producer.createOutputChannel(key, pair.location);
    expect(out.isLocal).toBe(true);
    const records = [{ a: 1 }, { a: 2 }];
    const sent: ChannelMessage[] = [
      { kind: 'records', records },
      { kind: 'event', event: { type: 'watermark', timestamp: 5 } },
      { kind: 'records', records: [{ a: 3 }] },
      END,
    ];
    const reading = readAll(input);
    for (const m of sent) out.send(m);
    const received = await reading;
    expect(received).toEqual(sent);
    expect(received[0]).toBe(sent[0]);
    expect((received[0] as { records: unknown[] }).records).toBe(records);
  });

  it('does not run the consumer inside the producer\'s send()', async () => {
    pair = await createPair('local');
    const key = channelKey('job', 1, 'e', 0, 0);
    const input = pair.consumer.createInputChannel(key);
    const out = pair.producer.createOutputChannel(key, pair.location);
    let inSend = false;
    let reentered = false;
    input.onAvailable(() => {
      if (inSend) reentered = true;
    });
    const reading = readAll(input);
    for (let i = 0; i < 3; i++) {
      inSend = true;
      out.send({ kind: 'records', records: [i] });
      inSend = false;
    }
    out.send(END);
    await reading;
    expect(reentered).toBe(false);
  });
});
