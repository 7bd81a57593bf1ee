/**
 * The Source API (Flink's FLIP-27), public: built-in sources (datagen, fromSequence,
 * readTextFile, Kafka, Nexmark) and users' own sources implement it, and the engine knows
 * sources only through it.
 *
 * A source is two halves that meet over the control plane:
 * - a {@link SplitEnumerator}, one per source, running in the JobManager: it discovers splits,
 *   assigns them to readers (on registration and on request), takes splits back when a reader
 *   fails, and checkpoints its own state;
 * - {@link SourceReader}s, one per subtask, running in tasks: each reads *all* the splits it
 *   was assigned, fairly, and checkpoints each split's position as the split itself.
 *
 * Splits, enumerator state and source events are plain data (the record codec serializes
 * them into checkpoints and onto the wire): no classes, functions or cycles.
 */

/** Whether a source ends (a job whose sources all end reaches FINISHED). */
export type Boundedness = 'bounded' | 'unbounded';

/** A split and its position are one small plain object; `splitId` is unique within the source. */
export interface SourceSplit {
  readonly splitId: string;
}

export interface ReaderInfo {
  readonly subtaskId: number;
  /** The host the reader's TaskManager advertises, for locality-aware assignment. */
  readonly location: string;
}

/** What the engine offers an enumerator (Flink's SplitEnumeratorContext). */
export interface SplitEnumeratorContext<Split extends SourceSplit> {
  /** The source's parallelism: the number of readers. */
  currentParallelism(): number;
  /** The readers registered now, by subtask. A reader re-registers after each failover. */
  registeredReaders(): ReadonlyMap<number, ReaderInfo>;
  /** Hands splits to readers; a reader keeps a split until the split ends. */
  assignSplits(assignment: ReadonlyMap<number, readonly Split[]>): void;
  assignSplit(split: Split, subtaskId: number): void;
  /** The reader gets no more splits: once its splits end, it ends (bounded sources). */
  signalNoMoreSplits(subtaskId: number): void;
  sendEventToSourceReader(subtaskId: number, event: unknown): void;
  /**
   * Runs `callable` off the enumerator's thread of control and hands the result (or error) to
   * `handler` on it, once, or every `periodMs` (split discovery). Nothing else in an
   * enumerator may block.
   */
  callAsync<T>(callable: () => Promise<T>, handler: (result: T | undefined, error: Error | undefined) => void, initialDelayMs?: number, periodMs?: number): void;
}

/** Runs in the JobManager. Every method is called on one thread of control, never concurrently. */
export interface SplitEnumerator<Split extends SourceSplit, EnumState> {
  start(): void | Promise<void>;
  /** A reader asks for a split (pull-based sources such as files). */
  handleSplitRequest(subtaskId: number, requesterHostname: string | undefined): void;
  /** Splits assigned since the last completed checkpoint to a reader that failed. */
  addSplitsBack(splits: Split[], subtaskId: number): void;
  /** A reader (re-)registered: push-based sources assign here. */
  addReader(subtaskId: number): void;
  /**
   * The enumerator's state, taken when the checkpoint is triggered, before the barriers leave
   * the sources. Synchronous (as Flink's): assignments made before it reach the readers before
   * the barrier, those made after it reach them after the barrier, so the enumerator's state and
   * the readers' split states never both hold (or both miss) a split.
   */
  snapshotState(checkpointId: number): EnumState;
  notifyCheckpointComplete?(checkpointId: number): void;
  handleSourceEvent?(subtaskId: number, event: unknown): void;
  close(): void | Promise<void>;
}

/** What the engine offers a reader (Flink's SourceReaderContext). */
export interface SourceReaderContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  /** Asks the enumerator for a split (answered by an assignment or no-more-splits). */
  sendSplitRequest(): void;
  sendSourceEventToCoordinator(event: unknown): void;
  /** Logs through the TaskManager's logger with the subtask's name. */
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

/** Where a reader emits records. Calls are synchronous and cheap: no promise per record. */
export interface ReaderOutput<T> {
  /** Emits a record; `timestamp` (epoch ms) is its event time when the source carries one. */
  collect(record: T, timestamp?: number): void;
  /**
   * A per-split output: watermarks are generated per split and the reader's watermark is
   * the minimum over its active splits (Flink's per-partition watermarks).
   */
  createOutputForSplit(splitId: string): SourceOutput<T>;
  releaseOutputForSplit(splitId: string): void;
  /** No records for now (e.g. no split assigned): downstream excludes this reader's watermark. */
  markIdle(): void;
  markActive(): void;
}

export interface SourceOutput<T> {
  collect(record: T, timestamp?: number): void;
  markIdle(): void;
  markActive(): void;
}

/**
 * `MORE_AVAILABLE`: call pollNext again; `NOTHING_AVAILABLE`: wait for `isAvailable()`;
 * `END_OF_INPUT`: no splits left and no more coming.
 */
export type InputStatus = 'MORE_AVAILABLE' | 'NOTHING_AVAILABLE' | 'END_OF_INPUT';

/** Runs in a task. pollNext emits a bounded batch per call and returns at once. */
export interface SourceReader<T, Split extends SourceSplit> {
  start(): void | Promise<void>;
  /** Emits what is available now (a batch, fair over all assigned splits). */
  pollNext(output: ReaderOutput<T>): InputStatus;
  /** Resolves when pollNext may have something again (one promise per wait, not per record). */
  isAvailable(): Promise<void>;
  addSplits(splits: Split[]): void;
  notifyNoMoreSplits(): void;
  /** Every assigned, unfinished split with its current position, taken between two polls. */
  snapshotState(checkpointId: number): Split[];
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  handleSourceEvents?(event: unknown): void;
  close(): void | Promise<void>;
}

/** A source: the factory of both halves. The object is rebuilt from the job file in each process. */
export interface Source<T, Split extends SourceSplit = SourceSplit, EnumState = unknown> {
  getBoundedness(): Boundedness;
  createEnumerator(context: SplitEnumeratorContext<Split>): SplitEnumerator<Split, EnumState>;
  restoreEnumerator(context: SplitEnumeratorContext<Split>, state: EnumState): SplitEnumerator<Split, EnumState>;
  createReader(context: SourceReaderContext): SourceReader<T, Split>;
}
