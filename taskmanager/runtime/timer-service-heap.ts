/** One registered timer as the in-memory index holds it. */
export interface TimerEntry {
  timestamp: number;
  namespace: number;
  /** The key the timer belongs to (decoded, ready for setCurrentKey). */
  key: unknown;
  /** Registration order: ties on timestamp fire in the order they were registered. */
  seq: number;
}

/** The timers of one timestamp, in registration order; `head` is the next to pop. */
interface Bucket {
  entries: TimerEntry[];
  head: number;
}

/**
 * The derived, in-memory ordered index of a timer table, by (timestamp, seq): a binary
 * min-heap of the distinct timestamps, each with its timers in a FIFO bucket. Timers of many
 * keys share few timestamps (window ends are aligned across keys), so a push or a pop is a
 * Map lookup and an array operation, not a sift through a heap of every timer (whose
 * comparisons each chase a pointer to a cold entry). Entries must be pushed in seq order (the
 * queue numbers them as it pushes). Entries of deleted timers are left in place and skipped
 * when they surface.
 */
export class TimerHeap {
  private readonly times: number[] = [];
  private readonly buckets = new Map<number, Bucket>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  peek(): TimerEntry | undefined {
    if (this.times.length === 0) return undefined;
    const b = this.buckets.get(this.times[0])!;
    return b.entries[b.head];
  }

  push(e: TimerEntry): void {
    this.count++;
    const b = this.buckets.get(e.timestamp);
    if (b !== undefined) {
      b.entries.push(e);
      return;
    }
    this.buckets.set(e.timestamp, { entries: [e], head: 0 });
    const a = this.times;
    a.push(e.timestamp);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[i] >= a[p]) break;
      const t = a[i];
      a[i] = a[p];
      a[p] = t;
      i = p;
    }
  }

  pop(): TimerEntry | undefined {
    const a = this.times;
    if (a.length === 0) return undefined;
    const ts = a[0];
    const b = this.buckets.get(ts)!;
    const top = b.entries[b.head];
    // Fired entries are released as the bucket drains (a bucket may hold a timer of every key).
    b.entries[b.head++] = undefined as unknown as TimerEntry;
    this.count--;
    if (b.head === b.entries.length) {
      this.buckets.delete(ts);
      this.popTime();
    }
    return top;
  }

  clear(): void {
    this.times.length = 0;
    this.buckets.clear();
    this.count = 0;
  }

  private popTime(): void {
    const a = this.times;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && a[l] < a[m]) m = l;
      if (r < a.length && a[r] < a[m]) m = r;
      if (m === i) break;
      const t = a[i];
      a[i] = a[m];
      a[m] = t;
      i = m;
    }
  }
}
