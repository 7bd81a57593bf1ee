import { unaccountedBuffer } from '../unaccounted-memory';

/** Smallest buffer a writer moves on to. */
const MIN_CHUNK = 64 * 1024;
/** Largest buffer a writer allocates to grow (past it, growth is in steps of this size). */
const MAX_GROWTH_CHUNK = 32 * 1024 * 1024;

/**
 * The buffers a MsgpackWriter has filled, in order, and the spares it moves on to when the one
 * it writes into is full: a writer grows by moving to another buffer, never by copying what it
 * wrote. Why: a checkpoint of state that grows (Nexmark q5 and q8 grow for a whole run) used
 * to outgrow its one reused buffer about three times a run, and each new buffer of the state's
 * size paid its page faults as it was first written (and, as external memory, made V8 collect
 * the slot's whole heap, see unaccounted-memory.ts). Written into chunks, a snapshot reuses
 * every buffer of the last one and allocates only for what the state grew by.
 */
export class WriteChunks {
  /** Views of the filled buffers (their written bytes), in order. */
  readonly filled: Uint8Array[] = [];
  /** The filled buffers, whole, in the same order. */
  readonly filledBuffers: Buffer[] = [];
  filledBytes = 0;

  /** `spares`: buffers of an earlier snapshot, written into in this order (taken over). */
  constructor(private readonly spares: Buffer[]) {}

  /** `current` is full at `used` bytes: the next buffer, with room for at least `n` bytes. */
  advance(current: Buffer, used: number, n: number): Buffer {
    this.filled.push(current.subarray(0, used));
    this.filledBuffers.push(current);
    this.filledBytes += used;
    while (this.spares.length > 0) {
      const spare = this.spares.shift()!;
      if (spare.length >= n) return spare;
      // A spare too small for one value (a long string, raw bytes) is dropped.
    }
    return unaccountedBuffer(Math.max(n, MIN_CHUNK, Math.min(this.filledBytes, MAX_GROWTH_CHUNK)));
  }

  /**
   * Back to the buffer that was current when `mark` buffers were filled (it is returned, its
   * view dropped): the buffers filled after it and `current` become the next spares again.
   */
  rewind(mark: number, current: Buffer): Buffer {
    const back = this.filledBuffers.splice(mark);
    for (const view of this.filled.splice(mark)) this.filledBytes -= view.byteLength;
    const start = back.shift()!;
    this.spares.unshift(...back, current);
    return start;
  }
}
