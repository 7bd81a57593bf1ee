import type { SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '../connector/source';

/** The enumerator state of a source with a fixed set of splits: those not yet assigned. */
export interface StaticEnumeratorState<Split extends SourceSplit> {
  unassigned: Split[];
}

/**
 * The enumerator of a source whose splits are known up front (datagen, fromSequence,
 * readTextFile, collections). Splits are pushed to their owner reader when it registers
 * (split i to reader i % parallelism, so a fresh job's subtask s reads split s), and splits
 * coming back from a failed reader go to the reader that owns them then. Bounded sources tell
 * each reader there are no more splits once its own are handed out; an unbounded source never
 * does, so a reader without a split stays idle instead of ending.
 */
export class StaticSplitEnumerator<Split extends SourceSplit> implements SplitEnumerator<Split, StaticEnumeratorState<Split>> {
  private unassigned: Split[];

  constructor(
    private readonly context: SplitEnumeratorContext<Split>,
    splits: readonly Split[],
    private readonly bounded: boolean,
  ) {
    this.unassigned = [...splits];
  }

  start(): void {}

  addReader(subtaskId: number): void {
    this.assignTo(subtaskId);
  }

  handleSplitRequest(subtaskId: number): void {
    this.assignTo(subtaskId);
  }

  addSplitsBack(splits: Split[], subtaskId: number): void {
    this.unassigned.push(...splits);
    if (this.context.registeredReaders().has(subtaskId)) this.assignTo(subtaskId);
  }

  snapshotState(): StaticEnumeratorState<Split> {
    return { unassigned: this.unassigned.map((s) => ({ ...s })) };
  }

  close(): void {}

  private assignTo(subtaskId: number): void {
    const parallelism = this.context.currentParallelism();
    const mine: Split[] = [];
    const rest: Split[] = [];
    for (const split of this.unassigned) (ownerOf(split.splitId, parallelism) === subtaskId ? mine : rest).push(split);
    this.unassigned = rest;
    // Also an empty assignment: it tells an unbounded reader it has nothing for now, i.e. is idle.
    this.context.assignSplits(new Map([[subtaskId, mine]]));
    if (this.bounded) this.context.signalNoMoreSplits(subtaskId);
  }
}

/** Numeric split ids go round-robin; others by a stable string hash. */
function ownerOf(splitId: string, parallelism: number): number {
  const n = Number(splitId);
  if (Number.isSafeInteger(n) && n >= 0) return n % parallelism;
  let h = 0;
  for (let i = 0; i < splitId.length; i++) h = (h * 31 + splitId.charCodeAt(i)) | 0;
  return Math.abs(h) % parallelism;
}
