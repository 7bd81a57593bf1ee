import type { Boundedness, InputStatus, ReaderOutput, Source, SourceReader, SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '../connector/source';
import { StaticSplitEnumerator, type StaticEnumeratorState } from './static-split-enumerator';

/** The collection as one split; `position` is the index of the next element to emit. */
export interface CollectionSplit extends SourceSplit {
  position: number;
}

const BATCH = 1024;

/** fromElements / fromCollection: non-parallel, the job's own values in order. */
export class CollectionSource<T> implements Source<T, CollectionSplit, StaticEnumeratorState<CollectionSplit>> {
  constructor(readonly values: readonly T[]) {}

  getBoundedness(): Boundedness {
    return 'bounded';
  }

  createEnumerator(context: SplitEnumeratorContext<CollectionSplit>): SplitEnumerator<CollectionSplit, StaticEnumeratorState<CollectionSplit>> {
    return new StaticSplitEnumerator(context, [{ splitId: '0', position: 0 }], true);
  }

  restoreEnumerator(context: SplitEnumeratorContext<CollectionSplit>, state: StaticEnumeratorState<CollectionSplit>): SplitEnumerator<CollectionSplit, StaticEnumeratorState<CollectionSplit>> {
    return new StaticSplitEnumerator(context, state.unassigned, true);
  }

  createReader(): SourceReader<T, CollectionSplit> {
    return new CollectionSourceReader(this.values);
  }
}

class CollectionSourceReader<T> implements SourceReader<T, CollectionSplit> {
  private splits: CollectionSplit[] = [];
  private noMoreSplits = false;
  private available: (() => void) | undefined;

  constructor(private readonly values: readonly T[]) {}

  start(): void {}

  addSplits(splits: CollectionSplit[]): void {
    for (const s of splits) this.splits.push({ splitId: s.splitId, position: s.position });
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signal();
  }

  pollNext(output: ReaderOutput<T>): InputStatus {
    const split = this.splits[0];
    if (!split) return this.noMoreSplits ? 'END_OF_INPUT' : 'NOTHING_AVAILABLE';
    const end = Math.min(this.values.length, split.position + BATCH);
    for (let i = split.position; i < end; i++) output.collect(this.values[i]);
    split.position = end;
    if (end >= this.values.length) this.splits.shift();
    return this.splits.length > 0 || !this.noMoreSplits ? 'MORE_AVAILABLE' : 'END_OF_INPUT';
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => (this.available = resolve));
  }

  snapshotState(): CollectionSplit[] {
    return this.splits.map((s) => ({ ...s }));
  }

  close(): void {}

  private signal(): void {
    const a = this.available;
    this.available = undefined;
    a?.();
  }
}
