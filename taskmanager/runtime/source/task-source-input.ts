import type { EnumeratorToReaderEvent } from '../../../proto/messages';
import type { DriverStatus } from './source-reader-driver';

/** What a source task reads from: a Source API reader (SourceReaderDriver) or the socket. */
export interface TaskSourceInput {
  /** `restoredSplits`: this subtask's share of the source's checkpointed splits. */
  open(restoredSplits: readonly unknown[] | undefined): Promise<void>;
  /** An event of the source's enumerator, in mailbox order. */
  handleEvent(event: EnumeratorToReaderEvent): void;
  poll(): DriverStatus;
  /** --drain: event time runs to the end before the final savepoint. */
  drainEventTime(): void;
  /** The source's position for the checkpoint; absent: nothing to rewind to (at-most-once). */
  snapshotState?(checkpointId: number): unknown[];
  notifyCheckpointComplete(checkpointId: number): Promise<void>;
  close(): Promise<void>;
}
