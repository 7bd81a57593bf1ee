import type { SourceSplit } from '../connector/source';

/**
 * A split of an index-driven generator (datagen, fromSequence): the arithmetic progression of
 * indices `next, next + stride, ...` below `end` (null: unbounded). The split is its own
 * position: `next` is the first index not yet emitted. `of` is how many splits the source was
 * cut into, so each split carries `1/of` of the source's total rate wherever it is read.
 */
export interface IndexSplit extends SourceSplit {
  next: number;
  end: number | null;
  stride: number;
  of: number;
}

/**
 * Cuts indices `[0, count)` (or, when count is null, all indices) into `n` splits: contiguous
 * ranges for a bounded source (Flink's sequence split arithmetic), strided streams for an
 * unbounded one. Split i is meant for reader `i % parallelism`.
 */
export function createIndexSplits(count: number | null, n: number): IndexSplit[] {
  const splits: IndexSplit[] = [];
  for (let i = 0; i < n; i++) {
    if (count === null) splits.push({ splitId: String(i), next: i, end: null, stride: n, of: n });
    else splits.push({ splitId: String(i), next: Math.floor((i * count) / n), end: Math.floor(((i + 1) * count) / n), stride: 1, of: n });
  }
  return splits;
}

export function isFinished(split: IndexSplit): boolean {
  return split.end !== null && split.next >= split.end;
}
