import type { Output, OperatorContext } from '../operators/operator';
import { type SourceReader, type PollResult, contiguousShare } from './source-reader';

/**
 * An index-driven generator shared by fromSequence and datagen. A split is an arithmetic
 * progression of indices `next, next+stride, ...` below `end` (null: unbounded). Bounded
 * sources split into contiguous ranges, unbounded ones into strided streams; either way
 * record i is `fn(i)` whatever the parallelism, and the position is just `next`.
 */
export interface IndexSplit {
  next: number;
  end: number | null;
  stride: number;
}

export interface GeneratorOptions {
  /** Number of indices in total, or null for unbounded. */
  count: number | null;
  /** Total rate over all subtasks (records/s), or null for unlimited. */
  rowsPerSecond: number | null;
  fn: (index: number) => unknown;
}

export class GeneratorSourceReader implements SourceReader {
  private splits: IndexSplit[] = [];
  private current = 0;
  private ratePerSubtask: number | null = null;
  private startedAt = 0;
  private emitted = 0;
  private wakeup: () => void = () => {};
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GeneratorOptions) {}

  open(ctx: OperatorContext, wakeup: () => void): void {
    this.wakeup = wakeup;
    const { count } = this.options;
    const restored = ctx.restoredOperatorState()?.splits as IndexSplit[] | undefined;
    if (restored) {
      // Positions from a checkpoint, possibly dealt over another parallelism.
      this.splits = restored.map((s) => ({ next: s.next, end: s.end, stride: s.stride }));
    } else if (count !== null) {
      const share = contiguousShare(count, ctx.parallelism, ctx.subtaskIndex);
      this.splits = [{ next: share.start, end: share.end, stride: 1 }];
    } else {
      this.splits = [{ next: ctx.subtaskIndex, end: null, stride: ctx.parallelism }];
    }
    if (this.options.rowsPerSecond !== null) this.ratePerSubtask = this.options.rowsPerSecond / ctx.parallelism;
    this.startedAt = Date.now();
  }

  pollNext(out: Output, max: number): PollResult {
    let budget = max;
    if (this.ratePerSubtask !== null) {
      const allowed = Math.floor(((Date.now() - this.startedAt) * this.ratePerSubtask) / 1000) - this.emitted;
      if (allowed <= 0) {
        const delay = Math.max(1, Math.ceil(((this.emitted + 1) * 1000) / this.ratePerSubtask - (Date.now() - this.startedAt)));
        this.timer = setTimeout(this.wakeup, delay);
        return 'wait';
      }
      budget = Math.min(budget, allowed);
    }
    const fn = this.options.fn;
    while (budget > 0 && this.current < this.splits.length) {
      const split = this.splits[this.current];
      const end = split.end ?? Number.MAX_SAFE_INTEGER;
      let next = split.next;
      const stride = split.stride;
      while (budget > 0 && next < end) {
        out.collect(fn(next));
        next += stride;
        budget--;
        this.emitted++;
      }
      split.next = next;
      if (next >= end) this.current++;
    }
    return this.current >= this.splits.length ? 'end' : 'more';
  }

  snapshotState(): unknown[] {
    const out: IndexSplit[] = [];
    for (let i = this.current; i < this.splits.length; i++) {
      const s = this.splits[i];
      out.push({ next: s.next, end: s.end, stride: s.stride });
    }
    return out;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
