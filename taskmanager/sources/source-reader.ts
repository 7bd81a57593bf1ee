import type { Output, OperatorContext } from '../operators/operator';

/** 'more': call again; 'wait': nothing now, the reader calls wakeup() later; 'end': done. */
export type PollResult = 'more' | 'end' | 'wait';

/**
 * The socket source's reader inside one subtask (the one source outside the Source API, see
 * docs/connectors.md). The task calls pollNext in a loop, emitting at most
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
