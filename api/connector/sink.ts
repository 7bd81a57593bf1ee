/**
 * The Sink API (Flink's Sink V2), public: FileSink, KafkaSink and users' own sinks implement
 * it. A sink has a writer per subtask; a transactional sink adds a committer.
 *
 * Two-phase commit: on the checkpoint barrier the writer's `prepareCommit` ends the current
 * transaction's writes and yields committables (pre-commit); they are stored in the checkpoint
 * with the committer's state. When the checkpoint completes, `commit` runs for them; after a
 * restore it runs again for the committables in the restored checkpoint, so `commit` must be
 * idempotent (committing something already committed is success). Committables are plain data.
 */

export interface SinkWriterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  /** The checkpoint this attempt restored from, or null on a fresh start. */
  readonly restoredCheckpointId: number | null;
  /**
   * Whether the job checkpoints. Without checkpoints no commit ever comes: a transactional
   * sink then makes its writes visible itself (FileSink commits a part when it rolls over and
   * at end of input). The engine always sets it. @default true
   */
  readonly checkpointingEnabled?: boolean;
  /** The job's id (32 hex), e.g. to name output files or transactions. The engine always sets it. */
  readonly jobId?: string;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export interface SinkWriter<T> {
  /** One call per record, in order; synchronous (buffer, and flush in batches). `timestamp`: the record's event time, if it has one. */
  write(record: T, timestamp?: number): void;
  /**
   * Flushes what is buffered: on every barrier (at-least-once) and at end of input
   * (`endOfInput`), before the final checkpoint's prepareCommit.
   */
  flush?(endOfInput: boolean): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** A writer with state of its own in the checkpoint (e.g. a file sink's open part file). */
export interface StatefulSinkWriter<T, WriterState> extends SinkWriter<T> {
  snapshotState(checkpointId: number): WriterState[];
}

/**
 * A writer that pre-commits on the barrier. `prepareCommit` is called synchronously on the
 * barrier (after `flush`); records written after the call belong to the next checkpoint, so a
 * writer switches to a new transaction at once and may finish the old one asynchronously (the
 * checkpoint waits for the promise).
 */
export interface CommittingSinkWriter<T, Committable> extends SinkWriter<T> {
  prepareCommit(checkpointId: number): Committable[] | Promise<Committable[]>;
}

export interface CommitRequest<Committable> {
  readonly committable: Committable;
  readonly checkpointId: number;
  /** How many times this committable has been retried. */
  readonly numberOfRetries: number;
  /** A transient failure: commit again later (the committable stays in the checkpoint). */
  retryLater(): void;
  /**
   * The committable can never be committed, for a reason the committer understands (e.g. Kafka
   * aborted the transaction after its timeout): as in Flink, the engine logs the error and drops
   * the committable, and the job goes on. Restarting could not bring it back: it would fail the
   * same way on every restore.
   */
  signalFailedWithKnownReason(error: Error): void;
  /**
   * The commit failed for a reason the committer does not understand: the task fails with this
   * cause and the restart strategy decides; the committable stays in the checkpoint, so the
   * restore commits it again.
   */
  signalFailedWithUnknownReason(error: Error): void;
}

export interface CommitterContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** The engine always sets it. */
  readonly jobId?: string;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export interface Committer<Committable> {
  commit(requests: CommitRequest<Committable>[]): Promise<void>;
  close?(): void | Promise<void>;
}

/** What a sink may check about the job it is part of. */
export interface SinkJobConfig {
  /** The checkpoint interval, or null when checkpointing is off. */
  readonly checkpointIntervalMs: number | null;
}

/** A sink: `stream.sinkTo(sink)`. The object is rebuilt from the job file in each task. */
export interface Sink<T> {
  createWriter(context: SinkWriterContext): SinkWriter<T>;
  /**
   * Optional: checks the sink against the job when its graph is built (at submit, before
   * anything runs), e.g. that a transactional sink's timeout exceeds the checkpoint interval.
   * Throws an error saying what to change.
   */
  checkJobConfig?(job: SinkJobConfig): void;
}

export interface StatefulSink<T, WriterState> extends Sink<T> {
  createWriter(context: SinkWriterContext): StatefulSinkWriter<T, WriterState>;
  /** A writer from the restored states of one or more old subtasks (after rescaling). */
  restoreWriter(context: SinkWriterContext, states: WriterState[]): StatefulSinkWriter<T, WriterState>;
}

export interface TwoPhaseCommittingSink<T, Committable> extends Sink<T> {
  createWriter(context: SinkWriterContext): CommittingSinkWriter<T, Committable>;
  createCommitter(context: CommitterContext): Committer<Committable>;
}

/** Whether a sink pre-commits and commits (it has a committer). */
export function isTwoPhaseCommittingSink<T>(sink: Sink<T>): sink is TwoPhaseCommittingSink<T, unknown> {
  return typeof (sink as Partial<TwoPhaseCommittingSink<T, unknown>>).createCommitter === 'function';
}

/** Whether a sink's writers have state of their own. */
export function isStatefulSink<T>(sink: Sink<T>): sink is StatefulSink<T, unknown> {
  return typeof (sink as Partial<StatefulSink<T, unknown>>).restoreWriter === 'function';
}
