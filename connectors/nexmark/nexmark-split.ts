import type { SourceSplit } from '../../api/connector/source';

/**
 * A split is an arithmetic progression of event indices (`nextIndex`, `nextIndex + stride`,
 * …) and its position is `nextIndex`. Splits interleave (split k of n starts at k with stride
 * n) so that all readers advance through event time together and the minimum watermark
 * keeps up, whatever the parallelism.
 */
export interface NexmarkSplit extends SourceSplit {
  readonly nextIndex: number;
  readonly stride: number;
}

export function nexmarkSplits(count: number): NexmarkSplit[] {
  return Array.from({ length: count }, (_, k) => ({ splitId: `nexmark-${k}-of-${count}`, nextIndex: k, stride: count }));
}
