import type { Boundedness, Source, SourceReader, SourceReaderContext, SplitEnumerator, SplitEnumeratorContext } from '../../api/connector/source';
import { normalizeNexmarkOptions, type NexmarkConfig, type NexmarkOptions } from './generator-config';
import type { NexmarkEvent } from './model';
import { nexmarkSplits, type NexmarkSplit } from './nexmark-split';
import { NexmarkSplitEnumerator, type NexmarkEnumeratorState } from './nexmark-split-enumerator';
import { NexmarkSourceReader } from './nexmark-source-reader';

/**
 * The Nexmark benchmark's event stream (persons, auctions, bids) as a source:
 * `env.fromSource(new NexmarkSource({ events, rate, seed }), strategy, 'nexmark')`.
 * Event i is a pure function of (seed, i, rate, baseTime) whatever the parallelism
 * (DESIGN.md §3 "Nexmark"); bounded when `events` is given.
 */
export class NexmarkSource implements Source<NexmarkEvent, NexmarkSplit, NexmarkEnumeratorState> {
  readonly config: NexmarkConfig;

  constructor(options: NexmarkOptions = {}) {
    this.config = normalizeNexmarkOptions(options);
  }

  getBoundedness(): Boundedness {
    return this.config.events === null ? 'unbounded' : 'bounded';
  }

  createEnumerator(context: SplitEnumeratorContext<NexmarkSplit>): SplitEnumerator<NexmarkSplit, NexmarkEnumeratorState> {
    return new NexmarkSplitEnumerator(context, nexmarkSplits(context.currentParallelism()));
  }

  restoreEnumerator(context: SplitEnumeratorContext<NexmarkSplit>, state: NexmarkEnumeratorState): SplitEnumerator<NexmarkSplit, NexmarkEnumeratorState> {
    return new NexmarkSplitEnumerator(context, state.unassigned);
  }

  createReader(context: SourceReaderContext): SourceReader<NexmarkEvent, NexmarkSplit> {
    return new NexmarkSourceReader(this.config, context);
  }
}
