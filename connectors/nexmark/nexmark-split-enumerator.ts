import type { SplitEnumerator, SplitEnumeratorContext } from '../../api/connector/source';
import type { NexmarkSplit } from './nexmark-split';

/** What the enumerator checkpoints: splits not yet handed to a reader. */
export interface NexmarkEnumeratorState {
  readonly unassigned: NexmarkSplit[];
}

/**
 * All splits exist up front (one per reader at the first start); each reader gets the splits
 * whose number modulo the current parallelism is its index, then no more. Splits a failed
 * reader held come back and go to it again when it re-registers.
 */
export class NexmarkSplitEnumerator implements SplitEnumerator<NexmarkSplit, NexmarkEnumeratorState> {
  private readonly unassigned: NexmarkSplit[];

  constructor(
    private readonly context: SplitEnumeratorContext<NexmarkSplit>,
    unassigned: NexmarkSplit[],
  ) {
    this.unassigned = [...unassigned];
  }

  start(): void {}

  handleSplitRequest(): void {}

  addSplitsBack(splits: NexmarkSplit[]): void {
    this.unassigned.push(...splits);
  }

  addReader(subtaskId: number): void {
    const parallelism = this.context.currentParallelism();
    const mine: NexmarkSplit[] = [];
    for (let i = this.unassigned.length - 1; i >= 0; i--) {
      const split = this.unassigned[i]!;
      if (splitNumber(split) % parallelism === subtaskId) mine.push(...this.unassigned.splice(i, 1));
    }
    if (mine.length > 0) this.context.assignSplits(new Map([[subtaskId, mine.reverse()]]));
    this.context.signalNoMoreSplits(subtaskId);
  }

  snapshotState(): NexmarkEnumeratorState {
    return { unassigned: this.unassigned.map((s) => ({ ...s })) };
  }

  close(): void {}
}

/** The split's number k in `nexmark-k-of-n`. */
function splitNumber(split: NexmarkSplit): number {
  const match = /^nexmark-(\d+)-of-\d+$/.exec(split.splitId);
  return match ? Number(match[1]) : 0;
}
