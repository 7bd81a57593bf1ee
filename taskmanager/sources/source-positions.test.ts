import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GeneratorSourceReader } from './generator-source-reader';
import { TextFileSourceReader } from './text-file-source-reader';
import { CollectionSourceReader } from './collection-source-reader';
import { operatorTestContext, CollectingOutput } from '../test-support/operator-test-context';

function drain(reader: { pollNext(o: CollectingOutput, n: number): string }, out: CollectingOutput, max = Infinity): void {
  let n = 0;
  while (n < max && reader.pollNext(out, 1) !== 'end') n++;
}

describe('source positions survive snapshot and restore', () => {
  const tmp: string[] = [];
  afterEach(() => tmp.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('datagen/fromSequence: rewinds exactly, also at another parallelism', () => {
    const gen = (p: number, i: number, restored?: unknown[]) => {
      const r = new GeneratorSourceReader({ count: 100, rowsPerSecond: null, fn: (x) => x });
      r.open(operatorTestContext({ parallelism: p, subtask: i, restored: restored ? { splits: restored } : undefined }), () => {});
      return r;
    };
    // parallelism 2: each subtask emits part of its range, then snapshots
    const emitted: number[] = [];
    const splits: unknown[] = [];
    for (let i = 0; i < 2; i++) {
      const r = gen(2, i);
      const out = new CollectingOutput();
      r.pollNext(out, 17 + i);
      emitted.push(...(out.records as number[]));
      splits.push(...r.snapshotState());
    }
    // restore at parallelism 3: splits dealt round-robin; everything not yet emitted, exactly once
    for (let i = 0; i < 3; i++) {
      const mine = splits.filter((_, j) => j % 3 === i);
      const out = new CollectingOutput();
      drain(gen(3, i, mine), out);
      emitted.push(...(out.records as number[]));
    }
    expect(emitted.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('unbounded strided splits keep their stride across a restore', () => {
    const r = new GeneratorSourceReader({ count: null, rowsPerSecond: null, fn: (x) => x });
    r.open(operatorTestContext({ parallelism: 2, subtask: 1 }), () => {});
    const out = new CollectingOutput();
    r.pollNext(out, 3);
    expect(out.records).toEqual([1, 3, 5]);
    const r2 = new GeneratorSourceReader({ count: null, rowsPerSecond: null, fn: (x) => x });
    r2.open(operatorTestContext({ parallelism: 1, restored: { splits: r.snapshotState() } }), () => {});
    const out2 = new CollectingOutput();
    r2.pollNext(out2, 2);
    expect(out2.records).toEqual([7, 9]);
  });

  it('readTextFile: restores at the exact byte offset, across chunk boundaries and multi-byte text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-src-'));
    tmp.push(dir);
    const file = path.join(dir, 'in.txt');
    const all = Array.from({ length: 20_000 }, (_, i) => `line ${i} ünïcødé ✓`);
    fs.writeFileSync(file, all.join('\r\n') + '\r\n');
    for (const cut of [0, 1, 4321, 19_999]) {
      const a = new TextFileSourceReader(file);
      a.open(operatorTestContext());
      const out = new CollectingOutput();
      drain(a, out, cut);
      const b = new TextFileSourceReader(file);
      b.open(operatorTestContext({ restored: { splits: a.snapshotState() } }));
      drain(b, out);
      expect(out.records).toEqual(all);
      a.close();
      b.close();
    }
  });

  it('collections resume at their position', () => {
    const a = new CollectionSourceReader(['a', 'b', 'c']);
    a.open(operatorTestContext());
    const out = new CollectingOutput();
    a.pollNext(out, 1);
    const b = new CollectionSourceReader(['a', 'b', 'c']);
    b.open(operatorTestContext({ restored: { splits: a.snapshotState() } }));
    drain(b, out);
    expect(out.records).toEqual(['a', 'b', 'c']);
  });
});
