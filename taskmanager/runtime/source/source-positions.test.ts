import { describe, it, expect, afterEach } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InputStatus, ReaderOutput, SourceReader, SourceSplit } from '../../../api/connector/source';
import { TextFileSource } from '../../../api/sources/text-file-source';
import { CollectionSource } from '../../../api/sources/collection-source';
import { SourceReaderOutput } from './source-reader-output';
import { TimestampRegister } from '../../operators/record-timestamp';

class Head {
  records: unknown[] = [];
  collect(r: unknown): void {
    this.records.push(r);
  }
  emitWatermark(): void {}
}


/** Polls until the reader ends, or `polls` times. */
function drain(reader: SourceReader<unknown, SourceSplit>, out: ReaderOutput<unknown>, polls = Infinity): InputStatus {
  let status: InputStatus = 'MORE_AVAILABLE';
  for (let n = 0; n < polls && status !== 'END_OF_INPUT'; n++) status = reader.pollNext(out);
  return status;
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
    const source = new TextFileSource(file);
    for (const polls of [0, 1, 7, 19]) {
      const head = new Head();
      const out = new SourceReaderOutput(head, new TimestampRegister(), undefined, undefined);
      const a = source.createReader();
      a.addSplits([{ splitId: '0', path: file, offset: 0 }]);
      drain(a, out, polls);
      const b = source.createReader();
      b.addSplits(a.snapshotState(1));
      b.notifyNoMoreSplits();
      expect(drain(b, out)).toBe('END_OF_INPUT');
      expect(head.records).toEqual(all);
      a.close();
      b.close();
    }
  });

  it('readTextFile: a missing file is one clear error', () => {
    const reader = new TextFileSource('/nonexistent/in.txt').createReader();
    reader.addSplits([{ splitId: '0', path: '/nonexistent/in.txt', offset: 0 }]);
    expect(() => reader.pollNext(new SourceReaderOutput(new Head(), new TimestampRegister(), undefined, undefined))).toThrow(/readTextFile: cannot open \/nonexistent\/in.txt/);
  });

  it('collections resume at their position', () => {
    const source = new CollectionSource(Array.from({ length: 3000 }, (_, i) => i));
    const head = new Head();
    const out = new SourceReaderOutput(head, new TimestampRegister(), undefined, undefined);
    const a = source.createReader();
    a.addSplits([{ splitId: '0', position: 0 }]);
    a.pollNext(out);
    const b = source.createReader();
    b.addSplits(a.snapshotState(1));
    b.notifyNoMoreSplits();
    drain(b, out);
    expect(head.records).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });
});
