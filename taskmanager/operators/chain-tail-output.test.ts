import { describe, it, expect } from 'vitest';
import { createChainTail } from './chain-tail-output';
import type { Output } from './operator';
import { RecordWriter } from '../runtime/record-writer';
import { TimestampRegister, NO_TIMESTAMP } from './record-timestamp';
import { newTaskIoMetrics } from '../runtime/task-metrics';
import type { ChannelMessage, OutputChannel } from '../network/channel-types';
import { decodeTimestampedBatch, encodeTimestampedBatch } from '../../common/record-codec';

function recorder(name: string, log: string[]): Output {
  return {
    collect: (r) => log.push(`${name}:${String(r)}`),
    emitWatermark: (t) => log.push(`${name}:wm${t}`),
    emitWatermarkStatus: (idle) => log.push(`${name}:${idle ? 'idle' : 'active'}`),
  };
}

function channel(local: boolean, sent: ChannelMessage[]): OutputChannel {
  return { key: 'k', isLocal: local, send: (m) => sent.push(m), backlog: 0, isWritable: () => true, onWritable() {}, onError() {}, close() {} };
}

describe('chain tail and record timestamps', () => {
  it('routes main records to main writers, side records by tag, watermarks to all', () => {
    const log: string[] = [];
    const tail = createChainTail([recorder('main', log), recorder('late', log), recorder('main2', log)], ['', 'late', '']);
    tail.collect(1);
    tail.collectSide!('late', 2);
    tail.collectSide!('unknown', 3);
    tail.emitWatermark(7);
    expect(log).toEqual(['main:1', 'main2:1', 'late:2', 'main:wm7', 'late:wm7', 'main2:wm7']);
    const plain = recorder('only', log);
    expect(createChainTail([plain], [''])).toBe(plain); // no side outputs: no indirection
  });

  it('record writers batch a timestamp column only when records carry timestamps', () => {
    const sent: ChannelMessage[] = [];
    const w = new RecordWriter([channel(true, sent)], { select: () => 0 }, false, newTaskIoMetrics());
    const reg = new TimestampRegister();
    w.timestamps = reg;
    w.collect('a');
    w.flushAll();
    expect(sent[0]).toEqual({ kind: 'records', records: ['a'] });
    w.collect('b');
    reg.value = 42;
    w.collect('c');
    reg.value = NO_TIMESTAMP;
    w.collect('d');
    w.flushAll();
    expect(sent[1]).toEqual({ kind: 'records', records: ['b', 'c', 'd'], timestamps: [NO_TIMESTAMP, 42, NO_TIMESTAMP] });
    w.emitWatermarkStatus(true);
    expect(sent[2]).toEqual({ kind: 'event', event: { type: 'watermark-status', idle: true } });
  });

  it('remote batches carry the column inside the encoded buffer', () => {
    const sent: ChannelMessage[] = [];
    const w = new RecordWriter([channel(false, sent)], { select: () => 0 }, false, newTaskIoMetrics());
    w.timestamps.value = 5;
    w.collect({ x: 1 });
    w.flushAll();
    const m = sent[0] as Extract<ChannelMessage, { kind: 'buffer' }>;
    expect(decodeTimestampedBatch(m.data)).toEqual({ records: [{ x: 1 }], timestamps: [5] });
    expect(decodeTimestampedBatch(encodeTimestampedBatch([1, 2], undefined))).toEqual({ records: [1, 2], timestamps: undefined });
  });
});
