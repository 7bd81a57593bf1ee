import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from '../connector/source';
import { type IndexSplit, createIndexSplits } from './index-split';
import { StaticSplitEnumerator, type StaticEnumeratorState } from './static-split-enumerator';
import { GeneratorSourceReader } from './generator-source-reader';

export interface GeneratorSourceOptions<T> {
  /** Number of indices in total, or null for an unbounded source. */
  count: number | null;
  /** Total rate over all readers (records/s), or null for as fast as possible. */
  rowsPerSecond: number | null;
  /** The record for index i: deterministic, so a replay after a restore emits the same records. */
  fn: (index: number) => T;
}

/**
 * datagen and fromSequence: record i is `fn(i)` whatever the parallelism. The enumerator cuts
 * the indices into one split per reader of the first run; splits keep their identity (and
 * their share of the rate) across restores at other parallelisms, where readers may hold
 * several splits (read fairly) or none (idle).
 */
export class GeneratorSource<T> implements Source<T, IndexSplit, StaticEnumeratorState<IndexSplit>> {
  constructor(readonly options: GeneratorSourceOptions<T>) {}

  getBoundedness(): Boundedness {
    return this.options.count === null ? 'unbounded' : 'bounded';
  }

  createEnumerator(context: SplitEnumeratorContext<IndexSplit>): SplitEnumerator<IndexSplit, StaticEnumeratorState<IndexSplit>> {
    return new StaticSplitEnumerator(context, createIndexSplits(this.options.count, context.currentParallelism()), this.options.count !== null);
  }

  restoreEnumerator(context: SplitEnumeratorContext<IndexSplit>, state: StaticEnumeratorState<IndexSplit>): SplitEnumerator<IndexSplit, StaticEnumeratorState<IndexSplit>> {
    return new StaticSplitEnumerator(context, state.unassigned, this.options.count !== null);
  }

  createReader(context: SourceReaderContext): SourceReader<T, IndexSplit> {
    return new GeneratorSourceReader(this.options, context);
  }
}
