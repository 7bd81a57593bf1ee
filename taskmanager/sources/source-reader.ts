import type { Output, OperatorContext } from '../operators/operator';

/** 'more': call again; 'wait': nothing now, the reader calls wakeup() later; 'end': done. */
export type PollResult = 'more' | 'end' | 'wait';

/**
 * A source's reader inside one subtask. The task calls pollNext in a loop, emitting at most
 * `max` records per call, and stops calling while its outputs are back-pressured.
 */
export interface SourceReader {
  open(ctx: OperatorContext, wakeup: () => void): void | Promise<void>;
  pollNext(out: Output, max: number): PollResult;
  /**
   * The reader's position as list state (e.g. its splits), taken between two polls. Restored
   * through ctx.restoredOperatorState().splits, possibly redistributed over another parallelism.
   * Readers without it cannot rewind (at-most-once).
   */
  snapshotState?(): unknown[];
  close(): void;
}

/** Subtask i's contiguous share of [0, n): Flink's split arithmetic for sequences. */
export function contiguousShare(n: number, parallelism: number, index: number): { start: number; end: number } {
  return { start: Math.floor((index * n) / parallelism), end: Math.floor(((index + 1) * n) / parallelism) };
}
