import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AbstractOperator, type OperatorContext } from '../operators/operator';

export interface FileSinkConfig {
  dir: string;
  maxPartSizeBytes: number;
  rolloverIntervalMs: number;
}

const WRITE_AT_CHARS = 64 * 1024;

/**
 * FileSink in row format: one JSON line per record into part files under `dir`.
 * The file being written is `.part-<token>-<subtask>-<n>.inprogress`; it is committed by an
 * atomic rename to `part-<token>-<subtask>-<n>` when it rolls over (size or age) and at end
 * of input. Files beginning with `.` are never committed output.
 */
export class FileSinkOperator extends AbstractOperator {
  private fd: number | undefined;
  private inProgressPath = '';
  private finalPath = '';
  private counter = 0;
  private bytes = 0;
  private openedAt = 0;
  private buffer = '';
  private token = '';
  private subtask = 0;

  constructor(
    name: string,
    private readonly config: FileSinkConfig,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    fs.mkdirSync(this.config.dir, { recursive: true });
    this.token = randomBytes(4).toString('hex');
    this.subtask = ctx.subtaskIndex;
  }

  collect(record: unknown): void {
    if (this.fd === undefined) this.openPart();
    this.buffer += JSON.stringify(record) + '\n';
    if (this.buffer.length >= WRITE_AT_CHARS) this.writeBuffer();
  }

  flush(): void {
    if (this.fd === undefined) return;
    this.writeBuffer();
    if (this.bytes >= this.config.maxPartSizeBytes || Date.now() - this.openedAt >= this.config.rolloverIntervalMs) this.commitPart();
  }

  override endInput(): void {
    if (this.fd !== undefined) this.commitPart();
  }

  override close(): void {
    // A part still open here was not finished by end of input (cancel or failure): it stays
    // in progress (hidden) and is never committed.
    if (this.fd !== undefined) {
      this.writeBuffer();
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }

  private openPart(): void {
    const base = `part-${this.token}-${this.subtask}-${this.counter++}`;
    this.finalPath = path.join(this.config.dir, base);
    this.inProgressPath = path.join(this.config.dir, `.${base}.inprogress`);
    this.fd = fs.openSync(this.inProgressPath, 'w');
    this.bytes = 0;
    this.openedAt = Date.now();
  }

  private writeBuffer(): void {
    if (this.buffer.length === 0 || this.fd === undefined) return;
    this.bytes += fs.writeSync(this.fd, this.buffer);
    this.buffer = '';
    if (this.bytes >= this.config.maxPartSizeBytes) this.commitPart();
  }

  private commitPart(): void {
    if (this.fd === undefined) return;
    if (this.buffer.length > 0) {
      this.bytes += fs.writeSync(this.fd, this.buffer);
      this.buffer = '';
    }
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = undefined;
    fs.renameSync(this.inProgressPath, this.finalPath);
  }
}
