import { describe, it, expect } from 'vitest';
import { GeneratorSource } from '../../../api/sources/generator-source';
import { createIndexSplits, type IndexSplit } from '../../../api/sources/index-split';
import type { SourceReader, SourceReaderContext } from '../../../api/connector/source';
import { SourceReaderOutput } from './source-reader-output';
import { TimestampRegister } from '../../operators/record-timestamp';

/** The chain a reader feeds: records, watermarks and idleness, as the task's head sees them. */
class Head {
  records: number[] = [];
  watermarks: number[] = [];
  statuses: boolean[] = [];
  collect(r: unknown): void {
    this.records.push(r as number);
  }
  emitWatermark(ts: number): void {
    this.watermarks.push(ts);
  }
  emitWatermarkStatus(idle: boolean): void {
    this.statuses.push(idle);
  }
}

const context = (subtaskIndex = 0, parallelism = 1): SourceReaderContext => ({ subtaskIndex, parallelism, attemptNumber: 0, sendSplitRequest() {}, sendSourceEventToCoordinator() {}, log() {} });

function reader(options: { count: number | null; rowsPerSecond?: number }, splits: IndexSplit[]): { r: SourceReader<number, IndexSplit>; head: Head; out: SourceReaderOutput } {
  const source = new GeneratorSource<number>({ count: options.count, rowsPerSecond: options.rowsPerSecond ?? null, fn: (i) => i });
  const r = source.createReader(context());
  const head = new Head();
  const out = new SourceReaderOutput(head, new TimestampRegister(), undefined, undefined);
  r.start();
  if (splits.length > 0) r.addSplits(splits);
  return { r, head, out };
}

describe('GeneratorSourceReader (datagen, fromSequence)', () => {
  it('reads every split of an unbounded source fairly: two splits restored into one reader both advance', () => {
    const { r, head, out } = reader({ count: null }, createIndexSplits(null, 2));
    for (let i = 0; i < 4; i++) expect(r.pollNext(out)).toBe('MORE_AVAILABLE');
    const even = head.records.filter((x) => x % 2 === 0).length;
    const odd = head.records.length - even;
    expect(even).toBeGreaterThan(0);
    expect(Math.abs(even - odd)).toBeLessThanOrEqual(1);
    const [a, b] = r.snapshotState(1);
    expect(a.next).toBeGreaterThan(1000);
    expect(b.next).toBeGreaterThan(1000);
  });

  it('bounded splits end, and the reader ends only once no more splits come', () => {
    const { r, head, out } = reader({ count: 10 }, createIndexSplits(10, 3));
    expect(r.pollNext(out)).toBe('MORE_AVAILABLE');
    expect(head.records.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.snapshotState(1)).toEqual([]);
    expect(r.pollNext(out)).toBe('NOTHING_AVAILABLE');
    r.notifyNoMoreSplits();
    expect(r.pollNext(out)).toBe('END_OF_INPUT');
  });

  it('a reader without splits is idle (not ended) and active again when a split arrives; before its first assignment it is not idle', async () => {
    const { r, head, out } = reader({ count: null }, []);
    expect(r.pollNext(out)).toBe('NOTHING_AVAILABLE');
    expect(head.statuses).toEqual([]); // still waiting for the enumerator
    r.addSplits([]); // the enumerator: nothing for this reader now
    expect(r.pollNext(out)).toBe('NOTHING_AVAILABLE');
    expect(head.statuses).toEqual([true]);
    const available = r.isAvailable();
    r.addSplits([{ splitId: '1', next: 1, end: null, stride: 2, of: 2 }]);
    await available;
    expect(r.pollNext(out)).toBe('MORE_AVAILABLE');
    expect(head.statuses).toEqual([true, false]);
    expect(head.records.slice(0, 3)).toEqual([1, 3, 5]);
  });

  it('holds the total rate as the sum of its splits\' shares: half the splits, half the rate', async () => {
    const total = 2000;
    // Before the readers exist: their rate clocks start when they get their splits, so an
    // `elapsed` that begins later undercounts what they may emit.
    const started = Date.now();
    const { r: both, head: all, out: outAll } = reader({ count: null, rowsPerSecond: total }, createIndexSplits(null, 4));
    const { r: half, head: some, out: outSome } = reader({ count: null, rowsPerSecond: total }, createIndexSplits(null, 4).slice(0, 2));
    await new Promise<void>((resolve) => {
      const tick = () => {
        both.pollNext(outAll);
        half.pollNext(outSome);
        if (Date.now() - started >= 300) resolve();
        else setImmediate(tick);
      };
      tick();
    });
    const elapsed = Date.now() - started;
    // never ahead of the allowed rate
    expect(all.records.length).toBeLessThanOrEqual(Math.ceil((total * elapsed) / 1000) + 1);
    expect(some.records.length).toBeLessThanOrEqual(Math.ceil((total / 2) * elapsed / 1000) + 1);
    expect(all.records.length).toBeGreaterThan(total * 0.2);
    expect(some.records.length / all.records.length).toBeGreaterThan(0.4);
    expect(some.records.length / all.records.length).toBeLessThan(0.6);
    both.close();
    half.close();
  });

  it('snapshot and restore at another parallelism emit every index exactly once', () => {
    const emitted: number[] = [];
    const states: IndexSplit[] = [];
    const initial = createIndexSplits(100, 2);
    for (const split of initial) {
      const { r, head, out } = reader({ count: 100 }, [split]);
      // emit part of the split: a rate-free reader emits everything in one poll, so cut the split
      r.pollNext(out);
      emitted.push(...head.records.slice(0, 17));
      states.push({ ...split, next: split.next + 17 });
    }
    for (let i = 0; i < 3; i++) {
      const mine = states.filter((_, j) => j % 3 === i);
      const { r, head, out } = reader({ count: 100 }, mine);
      r.notifyNoMoreSplits();
      while (r.pollNext(out) !== 'END_OF_INPUT');
      emitted.push(...head.records);
    }
    expect(emitted.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
