import { describe, it, expect } from 'vitest';
import { createChainTail, wireChain } from './chain-tail-output';
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

describe('chain wiring', () => {
  it('fans an operator out to its chained children and to the edges it emits, watermarks reported by leaves', () => {
    const log: string[] = [];
    const marks: number[] = [];
    // source(0) -> a(1) -> edge X; source(0) -> b(2) -> edge Y; source(0) -> edge Z (side output 's')
    const a = recorder('a', log);
    const b = recorder('b', log);
    const shape = {
      operators: [{ id: 0 }, { id: 1, chainInput: 0 }, { id: 2, chainInput: 0 }],
      outputs: [
        { sourceOperatorId: 2, sideOutputTag: '' },
        { sourceOperatorId: 1, sideOutputTag: '' },
        { sourceOperatorId: 0, sideOutputTag: 's' },
      ],
    };
    const outs = wireChain(shape, [undefined, a, b], [recorder('Y', log), recorder('X', log), recorder('Z', log)], (t) => marks.push(t));
    outs[0].collect(1);
    outs[0].collectSide!('s', 2);
    outs[1].collect(3);
    outs[2].collect(4);
    outs[0].emitWatermark(5);
    outs[1].emitWatermark(6);
    expect(log).toEqual(['a:1', 'b:1', 'Z:2', 'X:3', 'Y:4', 'a:wm5', 'b:wm5', 'Z:wm5', 'X:wm6']);
    expect(marks).toEqual([6]);
  });

  it('treats operators without chainInput as a linear chain and edges without a source operator as the tail', () => {
    const log: string[] = [];
    const outs = wireChain({ operators: [{ id: 4 }, { id: 7 }], outputs: [{ sideOutputTag: '' }] }, [recorder('head', log), recorder('second', log)], [recorder('edge', log)]);
    outs[0].collect(1);
    outs[1].collect(2);
    expect(log).toEqual(['second:1', 'edge:2']);
  });
});

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
