import type { MsgpackWriter } from './msgpack-writer';

/**
 * The bytes an earlier MsgpackWriter wrote, as its chunks in order, addressed by their
 * position in the whole stream (the writer's `length` when they were written). A snapshot
 * copies the entries that did not change since the previous snapshot from it (TableChanges)
 * instead of walking and encoding their values again.
 */
export class ChunkedBytes {
  private readonly starts: number[] = [];
  readonly length: number;

  constructor(readonly chunks: readonly Uint8Array[]) {
    let n = 0;
    for (const c of chunks) {
      this.starts.push(n);
      n += c.byteLength;
    }
    this.length = n;
  }

  /** Writes the stream's bytes [start, end) into `w`. */
  copyTo(w: MsgpackWriter, start: number, end: number): void {
    if (!(start >= 0 && start <= end && end <= this.length)) throw new RangeError(`internal error: bytes ${start}..${end} are outside a stream of ${this.length}`);
    let i = this.chunkAt(start);
    let p = start;
    while (p < end) {
      const chunk = this.chunks[i];
      const offset = p - this.starts[i];
      const n = Math.min(end - p, chunk.byteLength - offset);
      w.rawPart(chunk, offset, offset + n);
      p += n;
      i++;
    }
  }

  /** The last chunk starting at or before `p` (binary search: copies come in any group order). */
  private chunkAt(p: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.starts[mid] <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
