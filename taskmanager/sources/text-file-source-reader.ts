import * as fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Output } from '../operators/operator';
import type { SourceReader, PollResult } from './source-reader';
import { InvalidArgumentError } from '../../common/errors';

const CHUNK = 64 * 1024;

/** readTextFile(path): one record per line, read in chunks; the byte offset is its position. */
export class TextFileSourceReader implements SourceReader {
  private fd: number | undefined;
  private offset = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly chunk = Buffer.allocUnsafe(CHUNK);
  private partial = '';
  private pending: string[] = [];
  private head = 0;
  private eof = false;

  constructor(private readonly path: string) {}

  open(): void {
    try {
      this.fd = fs.openSync(this.path, 'r');
    } catch (err) {
      throw new InvalidArgumentError(`readTextFile: cannot open ${this.path}: ${(err as Error).message}`);
    }
  }

  pollNext(out: Output, max: number): PollResult {
    let budget = max;
    while (budget > 0) {
      if (this.head < this.pending.length) {
        const end = Math.min(this.pending.length, this.head + budget);
        for (let i = this.head; i < end; i++) out.collect(this.pending[i]);
        budget -= end - this.head;
        this.head = end;
        continue;
      }
      if (this.eof) return 'end';
      this.readChunk();
    }
    return this.head >= this.pending.length && this.eof ? 'end' : 'more';
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private readChunk(): void {
    const n = fs.readSync(this.fd!, this.chunk, 0, CHUNK, this.offset);
    this.offset += n;
    let text: string;
    if (n === 0) {
      this.eof = true;
      text = this.decoder.end();
    } else {
      text = this.decoder.write(this.chunk.subarray(0, n));
    }
    const parts = (this.partial + text).split('\n');
    this.partial = this.eof ? '' : parts.pop()!;
    if (this.eof && parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    this.pending = parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
    this.head = 0;
  }
}
