import type { ReaderInfo, Source, SourceSplit, SplitEnumerator, SplitEnumeratorContext } from '../../api/connector/source';
import type { Logger } from '../../common/logger';
import { errorMessage } from '../../common/errors';
import { SplitAssignmentTracker } from './split-assignment-tracker';
import { SubtaskEventGateway } from './subtask-event-gateway';

/** What a coordinator sends to one reader (the transport adds the task reference and encoding). */
export type ReaderEvent = { kind: 'addSplits'; splits: SourceSplit[] } | { kind: 'noMoreSplits' } | { kind: 'sourceEvent'; event: unknown };

export interface SourceCoordinatorOptions {
  /** e.g. "source 'DataGen Source' (uid source)", for messages. */
  readonly name: string;
  readonly parallelism: number;
  readonly source: Source<unknown, SourceSplit, unknown>;
  /** Delivers an event to the reader of `subtask` in execution attempt `attempt`. */
  readonly deliver: (attempt: number, subtask: number, event: ReaderEvent) => Promise<void>;
  /** The enumerator failed or an event could not be delivered: the job fails over. */
  readonly onFailure: (cause: string) => void;
  readonly log: Logger;
}

/**
 * Runs one source's SplitEnumerator in the JobManager (Flink's SourceCoordinator). Every call
 * into the enumerator happens on the JobManager's event loop, one at a time. Readers register
 * and ask for splits over the control plane; assignments go back through a gateway that keeps
 * them in order per subtask and holds them back around a checkpoint's snapshot. On a failover
 * the splits assigned since the restored checkpoint go back to the enumerator, or, when the
 * restore is from another checkpoint (or the enumerator failed), the enumerator is rebuilt from
 * that checkpoint's state.
 */
export class SourceCoordinator {
  private enumerator: SplitEnumerator<SourceSplit, unknown> | undefined;
  private readonly readers = new Map<number, ReaderInfo>();
  private readonly gateway: SubtaskEventGateway;
  private tracker: SplitAssignmentTracker;
  private attempt = -1;
  private failed = false;
  private closed = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly context: SplitEnumeratorContext<SourceSplit>;

  constructor(private readonly opts: SourceCoordinatorOptions) {
    this.gateway = new SubtaskEventGateway((subtask, err) => this.fail(`could not deliver an event to reader ${subtask}: ${errorMessage(err)}`));
    this.tracker = new SplitAssignmentTracker(null);
    this.context = this.createContext();
  }

  /** Creates (no state) or restores the enumerator, before the first attempt deploys. */
  start(restoredState: unknown, restoredCheckpointId: number | null): void {
    this.tracker = new SplitAssignmentTracker(restoredCheckpointId);
    this.build(restoredState);
  }

  /**
   * A new execution attempt restores from checkpoint `checkpointId` (null: from the state the
   * job started with) whose enumerator state is `state`. Readers of the old attempt are gone.
   */
  resetForAttempt(attempt: number, checkpointId: number | null, state: unknown): void {
    this.attempt = attempt;
    this.readers.clear();
    this.gateway.discardPending();
    if (!this.failed && this.enumerator && checkpointId === this.tracker.baselineCheckpoint) {
      for (const [subtask, splits] of this.tracker.takeSinceBaseline()) this.call(() => this.enumerator!.addSplitsBack(splits, subtask));
      return;
    }
    this.closeEnumerator();
    this.failed = false;
    this.tracker.reset(checkpointId);
    this.build(state);
  }

  /** The attempt whose readers may talk to this coordinator. */
  setAttempt(attempt: number): void {
    this.attempt = attempt;
  }

  handleRegistration(attempt: number, subtask: number, location: string): void {
    if (attempt !== this.attempt || !this.enumerator) return;
    this.readers.set(subtask, { subtaskId: subtask, location });
    this.call(() => this.enumerator!.addReader(subtask));
  }

  handleSplitRequest(attempt: number, subtask: number, hostname: string): void {
    if (attempt !== this.attempt || !this.enumerator) return;
    this.call(() => this.enumerator!.handleSplitRequest(subtask, hostname || undefined));
  }

  handleSourceEvent(attempt: number, subtask: number, event: unknown): void {
    if (attempt !== this.attempt || !this.enumerator) return;
    const e = this.enumerator;
    if (e.handleSourceEvent) this.call(() => e.handleSourceEvent!(subtask, event));
  }

  /**
   * The enumerator's part of checkpoint `checkpointId`: its state, taken now, with the valve
   * closed behind it. Resolves once every event sent before the snapshot was delivered, so the
   * barriers triggered next follow those events; call `afterTriggers` once they were sent.
   */
  async checkpoint(checkpointId: number): Promise<unknown> {
    if (!this.enumerator) throw new Error(`${this.opts.name} has no running split enumerator`);
    let state: unknown;
    try {
      state = this.enumerator.snapshotState(checkpointId);
    } catch (err) {
      throw new Error(`the split enumerator of ${this.opts.name} failed to snapshot its state: ${errorMessage(err)}`);
    }
    if (state && typeof (state as Promise<unknown>).then === 'function') throw new Error(`the split enumerator of ${this.opts.name} returned a promise from snapshotState: it must return its state synchronously`);
    this.tracker.onSnapshot(checkpointId);
    await this.gateway.close();
    return state;
  }

  afterTriggers(): void {
    this.gateway.open();
  }

  /** A restore point completed: a checkpoint, or a stop-with-savepoint's savepoint. */
  notifyCheckpointComplete(checkpointId: number): void {
    this.tracker.onCheckpointComplete(checkpointId);
    const e = this.enumerator;
    if (e?.notifyCheckpointComplete) this.call(() => e.notifyCheckpointComplete!(checkpointId));
  }

  close(): void {
    this.closed = true;
    this.closeEnumerator();
  }

  // ------------------------------------------------------------------ internals

  private build(state: unknown): void {
    const source = this.opts.source;
    try {
      this.enumerator = state === undefined ? source.createEnumerator(this.context) : source.restoreEnumerator(this.context, state);
    } catch (err) {
      this.enumerator = undefined;
      this.fail(`creating the split enumerator of ${this.opts.name} failed: ${errorMessage(err)}`);
      return;
    }
    const e = this.enumerator;
    this.call(() => e.start());
  }

  private closeEnumerator(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    const e = this.enumerator;
    this.enumerator = undefined;
    if (!e) return;
    try {
      const closing = e.close();
      if (closing && typeof closing.then === 'function') closing.catch((err: unknown) => this.opts.log.warn(`closing the split enumerator of ${this.opts.name} failed: ${errorMessage(err)}`));
    } catch (err) {
      this.opts.log.warn(`closing the split enumerator of ${this.opts.name} failed: ${errorMessage(err)}`);
    }
  }

  /** Calls into the enumerator; a throw (or a rejected promise) fails the job over. */
  private call(fn: () => unknown): void {
    if (this.closed) return;
    try {
      const result = fn();
      if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).catch((err: unknown) => this.fail(`the split enumerator of ${this.opts.name} failed: ${errorMessage(err)}`));
    } catch (err) {
      this.fail(`the split enumerator of ${this.opts.name} failed: ${errorMessage(err)}`);
    }
  }

  private fail(cause: string): void {
    if (this.closed) return;
    this.failed = true;
    this.opts.log.warn(cause);
    this.opts.onFailure(cause);
  }

  private send(subtask: number, event: ReaderEvent): void {
    if (!Number.isInteger(subtask) || subtask < 0 || subtask >= this.opts.parallelism) throw new RangeError(`${this.opts.name} has readers 0..${this.opts.parallelism - 1}; there is no reader ${subtask}`);
    const attempt = this.attempt;
    this.gateway.send(subtask, () => this.opts.deliver(attempt, subtask, event));
  }

  private createContext(): SplitEnumeratorContext<SourceSplit> {
    return {
      currentParallelism: () => this.opts.parallelism,
      registeredReaders: () => this.readers,
      assignSplits: (assignment) => {
        // An empty assignment still goes out: the reader learns it has nothing for now.
        for (const [subtask, splits] of assignment) {
          this.send(subtask, { kind: 'addSplits', splits: [...splits] });
          this.tracker.recordAssignment(subtask, splits);
        }
      },
      assignSplit: (split, subtask) => {
        this.send(subtask, { kind: 'addSplits', splits: [split] });
        this.tracker.recordAssignment(subtask, [split]);
      },
      signalNoMoreSplits: (subtask) => this.send(subtask, { kind: 'noMoreSplits' }),
      sendEventToSourceReader: (subtask, event) => this.send(subtask, { kind: 'sourceEvent', event }),
      callAsync: (callable, handler, initialDelayMs = 0, periodMs = 0) => {
        const enumerator = this.enumerator;
        const run = () => {
          if (this.closed || this.enumerator !== enumerator) return;
          let promise: Promise<unknown>;
          try {
            promise = Promise.resolve(callable());
          } catch (err) {
            promise = Promise.reject(err);
          }
          promise.then(
            (result) => this.enumerator === enumerator && this.call(() => handler(result as never, undefined)),
            (err: unknown) => this.enumerator === enumerator && this.call(() => handler(undefined, err instanceof Error ? err : new Error(String(err)))),
          ).finally(() => {
            if (periodMs > 0) schedule(periodMs);
          });
        };
        const schedule = (delay: number) => {
          if (this.closed || this.enumerator !== enumerator) return;
          const t = setTimeout(() => {
            this.timers.delete(t);
            run();
          }, delay);
          t.unref();
          this.timers.add(t);
        };
        if (initialDelayMs > 0 || periodMs > 0) schedule(initialDelayMs);
        else queueMicrotask(run);
      },
    };
  }
}
