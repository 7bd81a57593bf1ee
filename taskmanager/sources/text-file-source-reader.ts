import * as fs from 'node:fs';
import type { Output, OperatorContext } from '../operators/operator';
import type { SourceReader, PollResult } from './source-reader';
import { InvalidArgumentError } from '../../common/errors';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * readTextFile(path): one record per line, read in chunks. Lines are split on bytes, so the
 * position is an exact byte offset: the start of the first line not yet emitted, which is
 * what a checkpoint keeps and a restore seeks to.
 */
export class TextFileSourceReader implements SourceReader {
  private fd: number | undefined;
  /** Byte offset of the next read. */
  private readOffset = 0;
  /** Bytes read but not yet split into lines (an incomplete last line). */
  private rest: Buffer = Buffer.alloc(0);
  private readonly chunk = Buffer.allocUnsafe(CHUNK);
  private lines: string[] = [];
  /** lineEnds[i]: byte offset just after line i (and its newline). */
  private lineEnds: number[] = [];
  private head = 0;
  /** Byte offset of the first line in `lines`. */
  private linesStart = 0;
  private eof = false;

  constructor(private readonly path: string) {}

  open(ctx: OperatorContext): void {
    try {
      this.fd = fs.openSync(this.path, 'r');
    } catch (err) {
      throw new InvalidArgumentError(`readTextFile: cannot open ${this.path}: ${(err as Error).message}`);
    }
    const restored = ctx.restoredOperatorState()?.splits as Array<{ offset: number }> | undefined;
    if (restored && restored.length > 0) {
      this.readOffset = restored[0].offset;
      this.linesStart = restored[0].offset;
    }
  }

  pollNext(out: Output, max: number): PollResult {
    let budget = max;
    while (budget > 0) {
      if (this.head < this.lines.length) {
        const end = Math.min(this.lines.length, this.head + budget);
        for (let i = this.head; i < end; i++) out.collect(this.lines[i]);
        budget -= end - this.head;
        this.head = end;
        continue;
      }
      if (this.eof) return 'end';
      this.readChunk();
    }
    return this.head >= this.lines.length && this.eof ? 'end' : 'more';
  }

  snapshotState(): unknown[] {
    return [{ offset: this.head > 0 ? this.lineEnds[this.head - 1] : this.linesStart }];
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private readChunk(): void {
    const n = fs.readSync(this.fd!, this.chunk, 0, CHUNK, this.readOffset);
    const start = this.readOffset - this.rest.length;
    this.readOffset += n;
    const data = this.rest.length > 0 ? Buffer.concat([this.rest, this.chunk.subarray(0, n)]) : Buffer.from(this.chunk.subarray(0, n));
    this.lines = [];
    this.lineEnds = [];
    this.head = 0;
    this.linesStart = start;
    let from = 0;
    for (let nl = data.indexOf(NEWLINE, from); nl >= 0; nl = data.indexOf(NEWLINE, from)) {
      this.pushLine(data, from, nl, start + nl + 1);
      from = nl + 1;
    }
    if (n === 0) {
      this.eof = true;
      if (from < data.length) this.pushLine(data, from, data.length, start + data.length);
      this.rest = Buffer.alloc(0);
    } else {
      this.rest = data.subarray(from);
    }
  }

  private pushLine(data: Buffer, from: number, to: number, endOffset: number): void {
    const lineEnd = to > from && data[to - 1] === 0x0d ? to - 1 : to;
    this.lines.push(data.toString('utf8', from, lineEnd));
    this.lineEnds.push(endOffset);
  }
}
