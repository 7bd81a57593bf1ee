/**
 * The last bytes a process wrote to one of its outputs, for GET /jobmanager/log and the
 * TaskManagers' log and stdout views: a ring of chunks bounded in bytes. Appending stores the
 * chunk as it came (no per-line work, since print() output passes through here), and reading
 * cuts the oldest partial line.
 */
export class LogTail {
  private chunks: string[] = [];
  /** Index of the oldest kept chunk: dropping from the front is O(1), compacted now and then. */
  private head = 0;
  private bytes = 0;
  private dropped = false;
  private lastWriteAt = 0;

  private mirror: ((chunk: string) => void) | undefined;

  constructor(readonly maxBytes = 1024 * 1024) {}

  /** Every later chunk also goes to `write` (the process's log file, common/log-file.ts). */
  mirrorTo(write: (chunk: string) => void): void {
    this.mirror = write;
  }

  append(chunk: string): void {
    if (chunk.length === 0) return;
    this.mirror?.(chunk);
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    this.lastWriteAt = Date.now();
    while (this.bytes > this.maxBytes && this.chunks.length - this.head > 1) {
      this.bytes -= this.chunks[this.head++]!.length;
      this.dropped = true;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** The kept text, starting at a line start once older output was dropped; at most `maxBytes` (from the end). */
  text(maxBytes = this.maxBytes): { text: string; truncated: boolean } {
    let text = (this.head === 0 ? this.chunks : this.chunks.slice(this.head)).join('');
    let truncated = this.dropped;
    if (text.length > maxBytes) {
      text = text.slice(text.length - maxBytes);
      truncated = true;
    }
    if (truncated) {
      const firstNewline = text.indexOf('\n');
      if (firstNewline >= 0 && firstNewline < text.length - 1) text = text.slice(firstNewline + 1);
    }
    return { text, truncated };
  }

  get size(): number {
    return this.bytes;
  }

  /** Epoch ms of the last append; 0 if nothing was written. */
  get modifiedAt(): number {
    return this.lastWriteAt;
  }
}

/** This process's (or worker thread's) log lines, as every Logger writes them. */
export const processLogTail = new LogTail();
