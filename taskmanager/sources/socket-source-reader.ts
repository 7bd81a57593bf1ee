import * as net from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { Output } from '../operators/operator';
import type { SourceReader, PollResult } from './source-reader';
import { UnreachableError } from '../../common/errors';

const PAUSE_AT_LINES = 10_000;

/**
 * socketTextStream(host, port): one record per line; the stream ends when the server closes
 * the connection. Lines read but not yet emitted are bounded: the socket is paused while the
 * task is back-pressured. Not replayable (at-most-once across failures).
 */
export class SocketSourceReader implements SourceReader {
  private socket: net.Socket | undefined;
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private lines: string[] = [];
  private head = 0;
  private ended = false;
  private error: Error | undefined;
  private wakeup: () => void = () => {};

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  open(_ctx: unknown, wakeup: () => void): Promise<void> {
    this.wakeup = wakeup;
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.host, port: this.port });
      this.socket = socket;
      socket.once('connect', () => resolve());
      socket.once('error', (err) => {
        const e = new UnreachableError(`Socket source cannot read from ${this.host}:${this.port}: ${err.message}`, err);
        this.error = e;
        reject(e);
        this.wakeup();
      });
      socket.on('data', (chunk: Buffer) => this.onData(this.decoder.write(chunk)));
      socket.on('end', () => {
        this.onData(this.decoder.end());
        if (this.partial.length > 0) this.lines.push(stripCr(this.partial));
        this.partial = '';
        this.ended = true;
        this.wakeup();
      });
    });
  }

  pollNext(out: Output, max: number): PollResult {
    if (this.error) throw this.error;
    const end = Math.min(this.lines.length, this.head + max);
    for (let i = this.head; i < end; i++) out.collect(this.lines[i]);
    this.head = end;
    if (this.head === this.lines.length) {
      this.lines = [];
      this.head = 0;
      if (this.ended) return 'end';
      if (this.socket?.isPaused()) this.socket.resume();
      return 'wait';
    }
    return 'more';
  }

  close(): void {
    this.socket?.destroy();
  }

  private onData(text: string): void {
    if (text.length === 0) return;
    const wasEmpty = this.lines.length === this.head;
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.lines.push(stripCr(p));
    if (this.lines.length - this.head >= PAUSE_AT_LINES) this.socket?.pause();
    if (wasEmpty && this.lines.length > this.head) this.wakeup();
  }
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}
