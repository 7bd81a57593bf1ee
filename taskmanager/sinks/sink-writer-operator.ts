import type { CommitRequest, Committer, CommittingSinkWriter, Sink, SinkWriter, SinkWriterContext, TwoPhaseCommittingSink } from '../../api/connector/sink';
import { SluiceError, errorMessage } from '../../common/errors';
import { Logger } from '../../common/logger';
import { AbstractOperator, type OperatorContext, type OperatorListState } from '../operators/operator';
import { UNION_LIST_STATE_PREFIX } from '../../common/checkpoint/task-state-snapshot';

/** A committable waiting for its checkpoint to complete (or restored from one that did). */
interface PendingCommittable {
  readonly checkpointId: number;
  readonly committable: unknown;
  retries: number;
}

/** Every subtask gets the restored checkpoint's id (union state): writers need it after rescaling too. */
const CHECKPOINT_ID_STATE = `${UNION_LIST_STATE_PREFIX}sink-checkpoint-id`;
const COMMITTABLES_STATE = 'sink-committables';

/**
 * `sinkTo(sink)` for the Sink API (Flink's Sink V2): a writer per subtask and, for a
 * TwoPhaseCommittingSink, a committer beside it. On the barrier the writer is flushed (so
 * at-least-once writers have everything acknowledged) and pre-commits: `prepareCommit` is
 * called synchronously at the barrier, so the records it covers are cut exactly there, and the
 * checkpoint is acknowledged once its committables are known; they go into the checkpoint.
 * On checkpoint-complete they are committed; committables restored from a checkpoint are
 * committed again when the subtask opens (commit is idempotent). Those a committer asks to
 * retry stay pending, and in the next checkpoints, until they commit.
 */
export class SinkWriterOperator extends AbstractOperator {
  private writer!: SinkWriter<unknown>;
  private committer: Committer<unknown> | undefined;
  private pending: PendingCommittable[] = [];
  private log!: Logger;

  constructor(
    name: string,
    private readonly sink: Sink<unknown>,
  ) {
    super(name);
  }

  override async open(ctx: OperatorContext): Promise<void> {
    this.log = new Logger(`sink ${ctx.operatorName} ${ctx.subtaskIndex + 1}/${ctx.parallelism}`);
    const log = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => this.log[level](message);
    const restored = ctx.restoredOperatorState();
    const restoredIds = (restored?.[CHECKPOINT_ID_STATE] ?? []) as number[];
    const context: SinkWriterContext = {
      subtaskIndex: ctx.subtaskIndex,
      parallelism: ctx.parallelism,
      attemptNumber: ctx.attempt,
      restoredCheckpointId: restoredIds.length > 0 ? Math.max(...restoredIds) : null,
      log,
    };
    this.writer = this.sink.createWriter(context);
    const twoPhase = this.sink as Partial<TwoPhaseCommittingSink<unknown, unknown>>;
    if (typeof twoPhase.createCommitter === 'function') this.committer = twoPhase.createCommitter({ subtaskIndex: ctx.subtaskIndex, parallelism: ctx.parallelism, log });
    this.pending = ((restored?.[COMMITTABLES_STATE] ?? []) as PendingCommittable[]).map((p) => ({ ...p }));
    // Their checkpoint completed (it is the one restored): commit before writing anything new.
    if (this.pending.length > 0) await this.commitUpTo(Infinity);
  }

  collect(record: unknown): void {
    this.writer.write(record);
  }

  snapshotState(checkpointId: number): OperatorListState {
    return { [CHECKPOINT_ID_STATE]: [checkpointId], [COMMITTABLES_STATE]: this.pending.map((p) => ({ ...p })) };
  }

  snapshotStateAsync(checkpointId: number): Promise<OperatorListState> | undefined {
    const writer = this.writer as Partial<CommittingSinkWriter<unknown, unknown>>;
    if (typeof writer.prepareCommit === 'function') {
      // Called synchronously at the barrier: the writer cuts there, whatever it awaits after.
      const older = this.pending.map((p) => ({ ...p }));
      return Promise.resolve(writer.prepareCommit(checkpointId)).then((committables) => {
        const fresh = committables.map((committable) => ({ checkpointId, committable, retries: 0 }));
        this.pending.push(...fresh);
        return { [COMMITTABLES_STATE]: [...older, ...fresh] };
      });
    }
    // At-least-once writers: everything before the barrier acknowledged before the checkpoint is.
    const flushed = this.writer.flush?.(false);
    return flushed ? Promise.resolve(flushed).then(() => ({})) : undefined;
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.commitUpTo(checkpointId);
  }

  override async endInput(): Promise<void> {
    await this.writer.flush?.(true);
  }

  override async close(): Promise<void> {
    await this.writer?.close?.();
    await this.committer?.close?.();
  }

  private async commitUpTo(checkpointId: number): Promise<void> {
    const due = this.pending.filter((p) => p.checkpointId <= checkpointId);
    if (due.length === 0 || !this.committer) return;
    const retry = new Set<PendingCommittable>();
    let failure: Error | undefined;
    const requests: CommitRequest<unknown>[] = due.map((p) => ({
      committable: p.committable,
      checkpointId: p.checkpointId,
      numberOfRetries: p.retries,
      retryLater: () => void retry.add(p),
      signalFailedWithKnownReason: (error: Error) => void (failure ??= error),
    }));
    try {
      await this.committer.commit(requests);
    } catch (err) {
      failure ??= err instanceof Error ? err : new Error(errorMessage(err));
    }
    if (failure) throw failure instanceof SluiceError ? failure : new SluiceError('TASK_FAILURE', `${this.name}: commit failed: ${failure.message}`, { domain: 'user', cause: failure });
    for (const p of retry) p.retries++;
    this.pending = this.pending.filter((p) => !due.includes(p) || retry.has(p));
    if (retry.size > 0) this.log.warn(`${retry.size} committable(s) will be committed again at the next completed checkpoint`);
  }
}
