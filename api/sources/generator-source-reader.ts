import type { InputStatus, ReaderOutput, SourceOutput, SourceReader, SourceReaderContext } from '../connector/source';
import type { GeneratorSourceOptions } from './generator-source';
import { type IndexSplit, isFinished } from './index-split';

/** Records per pollNext call, spread over the reader's splits. */
const BATCH = 1024;

interface ActiveSplit<T> {
  split: IndexSplit;
  output: SourceOutput<T> | undefined;
}

/**
 * Reads every assigned split fairly: each poll spreads its batch round-robin over all splits,
 * so an unbounded split never starves the others. The rate limit is the sum of the splits'
 * shares (`rowsPerSecond / of` each), so the source's total rate holds at any parallelism.
 * Without splits the reader is idle (it marks its output idle) until splits arrive, or ends
 * once the enumerator says none will; before the enumerator's first answer it is neither.
 */
export class GeneratorSourceReader<T> implements SourceReader<T, IndexSplit> {
  private splits: ActiveSplit<T>[] = [];
  private cursor = 0;
  private noMoreSplits = false;
  /** The enumerator answered this reader (splits, none for now, or no more): until then it is not idle, just starting. */
  private assigned = false;
  private idle = false;
  /** Records per second for the current splits, or null: unlimited. */
  private rate: number | null = null;
  private rateSince = 0;
  private emittedSinceRate = 0;
  private available: { promise: Promise<void>; resolve: () => void } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly options: GeneratorSourceOptions<T>,
    readonly context: SourceReaderContext,
  ) {}

  start(): void {}

  addSplits(splits: IndexSplit[]): void {
    this.assigned = true;
    for (const s of splits) {
      const split = { splitId: s.splitId, next: s.next, end: s.end, stride: s.stride, of: s.of };
      if (!isFinished(split)) this.splits.push({ split, output: undefined });
    }
    this.updateRate();
    this.signalAvailable();
  }

  notifyNoMoreSplits(): void {
    this.assigned = true;
    this.noMoreSplits = true;
    this.signalAvailable();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    const n = this.splits.length;
    if (n === 0) {
      if (this.noMoreSplits) return 'END_OF_INPUT';
      // Idle only once the enumerator said there is nothing for now: a reader still waiting
      // for its first assignment must hold event time back, or its records would be late.
      if (this.assigned && !this.idle) {
        this.idle = true;
        output.markIdle();
      }
      return 'NOTHING_AVAILABLE';
    }
    if (this.idle) {
      this.idle = false;
      output.markActive();
    }
    let budget = BATCH;
    if (this.rate !== null) {
      const elapsed = Date.now() - this.rateSince;
      const allowed = Math.floor((elapsed * this.rate) / 1000) - this.emittedSinceRate;
      if (allowed <= 0) {
        this.waitFor(Math.max(1, Math.ceil(((this.emittedSinceRate + 1) * 1000) / this.rate - elapsed)));
        return 'NOTHING_AVAILABLE';
      }
      budget = Math.min(budget, allowed);
    }
    const fn = this.options.fn;
    // An equal share of the batch for every split (at least one record), starting where the
    // previous poll stopped.
    const share = Math.max(1, Math.floor(budget / n));
    let finished = false;
    for (let k = 0; k < n && budget > 0; k++) {
      const active = this.splits[(this.cursor + k) % n];
      const split = active.split;
      const out = (active.output ??= output.createOutputForSplit(split.splitId));
      const end = split.end ?? Number.MAX_SAFE_INTEGER;
      const stride = split.stride;
      let next = split.next;
      const quota = Math.min(share, budget);
      let left = quota;
      while (left > 0 && next < end) {
        out.collect(fn(next));
        next += stride;
        left--;
      }
      budget -= quota - left;
      this.emittedSinceRate += quota - left;
      split.next = next;
      if (next >= end) finished = true;
    }
    this.cursor = (this.cursor + 1) % n;
    if (finished) this.removeFinished(output);
    return this.splits.length > 0 || !this.noMoreSplits ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }

  isAvailable(): Promise<void> {
    if (!this.available) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.available = { promise, resolve };
    }
    return this.available.promise;
  }

  snapshotState(): IndexSplit[] {
    return this.splits.map(({ split }) => ({ splitId: split.splitId, next: split.next, end: split.end, stride: split.stride, of: split.of }));
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private removeFinished(output: ReaderOutput<T>): void {
    const remaining: ActiveSplit<T>[] = [];
    for (const a of this.splits) {
      if (isFinished(a.split)) output.releaseOutputForSplit(a.split.splitId);
      else remaining.push(a);
    }
    this.splits = remaining;
    this.cursor = 0;
    this.updateRate();
  }

  /** Each split carries its share of the total rate; the limiter restarts when the share changes. */
  private updateRate(): void {
    const total = this.options.rowsPerSecond;
    if (total === null) {
      this.rate = null;
      return;
    }
    let rate = 0;
    for (const { split } of this.splits) rate += total / split.of;
    if (rate !== this.rate) {
      this.rate = rate;
      this.rateSince = Date.now();
      this.emittedSinceRate = 0;
    }
  }

  private waitFor(ms: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.signalAvailable();
    }, ms);
  }

  private signalAvailable(): void {
    const a = this.available;
    this.available = undefined;
    a?.resolve();
  }
}
