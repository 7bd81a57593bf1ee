import { AbstractOperator, type OperatorContext, type OperatorListState } from '../operators/operator';
import { NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, TimestampRegister } from '../operators/record-timestamp';
import {
  type CommitRequest,
  type Committer,
  type CommittingSinkWriter,
  type Sink,
  type SinkWriter,
  type SinkWriterContext,
  type StatefulSinkWriter,
  isStatefulSink,
  isTwoPhaseCommittingSink,
} from '../../api/connector/sink';
import { SluiceError, errorMessage } from '../../common/errors';

// A module-local copy: the CommonJS build reads imported bindings through getters (per record here).
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;

/** A committable waiting for its checkpoint, as it sits in the checkpoint (list state `committables`). */
interface PendingCommittable {
  checkpointId: number;
  committable: unknown;
  retries: number;
}

/**
 * `sinkTo(sink)` (Sink V2, Flink's SinkWriterOperator and CommitterOperator in one task): a
 * writer per subtask; with a committer, on each barrier the writer flushes and pre-commits
 * (`prepareCommit`), and its committables go into the checkpoint (list state `committables`,
 * with the writer's own state as `writer`). When the checkpoint completes, the committer
 * commits them; after a restore it commits the restored ones again first (commit is
 * idempotent). Committables stay in every checkpoint until committed, so none is lost when a
 * task fails between a checkpoint's completion and its commit.
 */
export class SinkWriterOperator extends AbstractOperator {
  private writer!: SinkWriter<unknown>;
  private committer: Committer<unknown> | undefined;
  private pending: PendingCommittable[] = [];
  private register: TimestampRegister = new TimestampRegister();
  private name_: string;
  private log: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void = () => undefined;

  constructor(
    name: string,
    private readonly sink: Sink<unknown>,
    private readonly checkpointing: boolean,
  ) {
    super(name);
    this.name_ = name;
  }

  override async open(ctx: OperatorContext): Promise<void> {
    this.register = ctx.timestamps ?? this.register;
    const restored = ctx.restoredOperatorState();
    const log = (this.log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => (level === 'error' || level === 'warn' ? console.error : console.log)(`${this.name_} (${ctx.subtaskIndex + 1}/${ctx.parallelism}): ${message}`));
    const context: SinkWriterContext = {
      subtaskIndex: ctx.subtaskIndex,
      parallelism: ctx.parallelism,
      attemptNumber: ctx.attempt,
      restoredCheckpointId: ctx.restoredCheckpointId ?? null,
      checkpointingEnabled: this.checkpointing,
      jobId: ctx.jobId,
      log,
    };
    const sink = this.sink;
    const writerStates = restored?.writer;
    this.writer = isStatefulSink(sink) && writerStates && writerStates.length > 0 ? sink.restoreWriter(context, writerStates) : sink.createWriter(context);
    if (typeof this.writer?.write !== 'function') throw new SluiceError('INVALID_ARGUMENT', `${this.name_}: createWriter(context) must return a writer with write(record)`, { domain: 'user' });
    if (isTwoPhaseCommittingSink(sink)) {
      this.committer = sink.createCommitter({ subtaskIndex: ctx.subtaskIndex, parallelism: ctx.parallelism, jobId: ctx.jobId, log });
      // Recover and commit: the restored checkpoint completed, so what it pre-committed is committed now.
      this.pending = ((restored?.committables ?? []) as PendingCommittable[]).map((p) => ({ ...p }));
      if (this.pending.length > 0) await this.commitUpTo(Number.MAX_SAFE_INTEGER);
    }
  }

  collect(record: unknown): void {
    const ts = this.register.value;
    this.writer.write(record, ts === NO_TIMESTAMP ? undefined : ts);
  }

  override async endInput(): Promise<void> {
    await this.writer.flush?.(true);
    // Without checkpoints nothing is ever committed by a checkpoint: commit at the end.
    if (this.committer && !this.checkpointing) {
      this.pending.push(...(await this.prepare(Number.MAX_SAFE_INTEGER)));
      await this.commitUpTo(Number.MAX_SAFE_INTEGER);
    }
  }

  /**
   * On the barrier: flush, pre-commit, and the writer's state. Asynchronous when the writer's
   * flush or prepareCommit is: the checkpoint's state is written once they are done.
   */
  snapshotState(checkpointId: number): OperatorListState | Promise<OperatorListState> {
    const flushed = this.writer.flush?.(false);
    const finish = (committables: PendingCommittable[]): OperatorListState => {
      this.pending.push(...committables);
      const state: OperatorListState = { committables: this.pending.map((p) => ({ ...p })) };
      const stateful = this.writer as Partial<StatefulSinkWriter<unknown, unknown>>;
      if (typeof stateful.snapshotState === 'function') state.writer = stateful.snapshotState(checkpointId);
      return state;
    };
    if (!this.committer) {
      if (isPromise(flushed)) return flushed.then(() => finish([]));
      return finish([]);
    }
    // prepareCommit is called now, on the barrier, even while an asynchronous flush is still
    // running: records written after this point must go to the next transaction (a Kafka writer
    // switches transactions in the call and finishes the old one asynchronously). Awaiting the
    // flush first would let records of the next checkpoint into this one's transaction.
    const prepared = this.prepare(checkpointId);
    if (isPromise(flushed)) return Promise.all([flushed, prepared]).then(([, committables]) => finish(committables));
    return isPromise(prepared) ? prepared.then(finish) : finish(prepared);
  }

  /** Commit: every committable of this checkpoint or an earlier one. */
  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    if (this.committer) await this.commitUpTo(checkpointId);
  }

  override async close(): Promise<void> {
    try {
      await this.writer?.close?.();
    } finally {
      await this.committer?.close?.();
    }
  }

  private prepare(checkpointId: number): PendingCommittable[] | Promise<PendingCommittable[]> {
    const wrap = (list: unknown[]) => {
      if (!Array.isArray(list)) throw new SluiceError('INVALID_ARGUMENT', `${this.name_}: prepareCommit must return an array of committables`, { domain: 'user' });
      return list.map((committable) => ({ checkpointId, committable, retries: 0 }));
    };
    const out = (this.writer as CommittingSinkWriter<unknown, unknown>).prepareCommit(checkpointId);
    return isPromise(out) ? out.then(wrap) : wrap(out);
  }

  private async commitUpTo(checkpointId: number): Promise<void> {
    const due = this.pending.filter((p) => p.checkpointId <= checkpointId);
    if (due.length === 0) return;
    const retry = new Set<PendingCommittable>();
    let failure: Error | undefined;
    const dropped: Array<{ p: PendingCommittable; error: Error }> = [];
    const requests: CommitRequest<unknown>[] = due.map((p) => ({
      committable: p.committable,
      checkpointId: p.checkpointId,
      numberOfRetries: p.retries,
      retryLater: () => retry.add(p),
      signalFailedWithKnownReason: (error: Error) => void dropped.push({ p, error }),
      signalFailedWithUnknownReason: (error: Error) => (failure ??= error),
    }));
    try {
      await this.committer!.commit(requests);
    } catch (err) {
      throw new SluiceError('TASK_FAILURE', `${this.name_}: committing checkpoint ${checkpointId === Number.MAX_SAFE_INTEGER ? 'restored committables' : checkpointId} failed: ${errorMessage(err)}`, { domain: 'external', retryable: true, cause: err });
    }
    if (failure) throw new SluiceError('TASK_FAILURE', `${this.name_}: a commit failed: ${failure.message}`, { domain: 'external', cause: failure });
    // Dropped for a known reason: kept, it would fail every later commit and every restore alike.
    for (const { p, error } of dropped) this.log('error', `committable of checkpoint ${p.checkpointId} dropped, it can never be committed: ${error.message}`);
    const gone = new Set(dropped.map((d) => d.p));
    for (const p of retry) p.retries++;
    this.pending = this.pending.filter((p) => !gone.has(p) && (p.checkpointId > checkpointId || retry.has(p)));
  }
}

function isPromise<T>(x: unknown): x is Promise<T> {
  return typeof (x as Promise<T> | undefined)?.then === 'function';
}
