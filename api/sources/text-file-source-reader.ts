import * as fs from 'node:fs';
import type { InputStatus, ReaderOutput, SourceReader, SourceSplit } from '../connector/source';
import { InvalidArgumentError } from '../../common/errors';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;
/** Lines per pollNext call. */
const BATCH = 1024;

/** A file to read from `offset`: the byte offset of the first line not yet emitted. */
export interface FileSplit extends SourceSplit {
  path: string;
  offset: number;
}

/**
 * readTextFile(path): one record per line, read in chunks. Lines are split on bytes, so the
 * position is an exact byte offset: the start of the first line not yet emitted, which is what
 * a checkpoint keeps and a restore seeks to. Splits (files) are read one after the other, as
 * Flink's file source does: each one ends.
 */
export class TextFileSourceReader implements SourceReader<string, FileSplit> {
  private readonly queue: FileSplit[] = [];
  private current: FileSplit | undefined;
  private noMoreSplits = false;
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
  private available: (() => void) | undefined;

  start(): void {}

  addSplits(splits: FileSplit[]): void {
    for (const s of splits) this.queue.push({ splitId: s.splitId, path: s.path, offset: s.offset });
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signal();
  }

  pollNext(output: ReaderOutput<string>): InputStatus {
    if (!this.current && !this.openNext()) return this.noMoreSplits ? 'END_OF_INPUT' : 'NOTHING_AVAILABLE';
    let budget = BATCH;
    while (budget > 0) {
      if (this.head < this.lines.length) {
        const end = Math.min(this.lines.length, this.head + budget);
        for (let i = this.head; i < end; i++) output.collect(this.lines[i]);
        budget -= end - this.head;
        this.head = end;
        continue;
      }
      if (this.eof) {
        this.closeCurrent();
        return this.queue.length > 0 || !this.noMoreSplits ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
      }
      this.readChunk();
    }
    return 'MORE_AVAILABLE';
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => (this.available = resolve));
  }

  snapshotState(): FileSplit[] {
    const out: FileSplit[] = [];
    if (this.current) out.push({ ...this.current, offset: this.head > 0 ? this.lineEnds[this.head - 1] : this.linesStart });
    for (const s of this.queue) out.push({ ...s });
    return out;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private signal(): void {
    const a = this.available;
    this.available = undefined;
    a?.();
  }

  private openNext(): boolean {
    const split = this.queue.shift();
    if (!split) return false;
    try {
      this.fd = fs.openSync(split.path, 'r');
    } catch (err) {
      throw new InvalidArgumentError(`readTextFile: cannot open ${split.path}: ${(err as Error).message}`);
    }
    this.current = split;
    this.readOffset = split.offset;
    this.linesStart = split.offset;
    this.rest = Buffer.alloc(0);
    this.lines = [];
    this.lineEnds = [];
    this.head = 0;
    this.eof = false;
    return true;
  }

  private closeCurrent(): void {
    this.close();
    this.current = undefined;
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
