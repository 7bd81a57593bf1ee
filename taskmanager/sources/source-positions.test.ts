import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
