import type { CheckpointAck, CheckpointDecline, JobGraph, TaskRestore } from '../../proto/messages';
import { isSourceKind } from '../../common/operator-kind';
import { present } from '../../proto/present';
import type { Logger } from '../../common/logger';
import type { TaskExecutorGateway } from '../rpc/task-executor-client';
import type { Execution, ExecutionGraph } from '../scheduler/execution-graph';
import type { CheckpointSettings } from './checkpoint-config';
import type { CompletedCheckpoint } from './completed-checkpoint';
import type { CheckpointDetails } from './checkpoint-details';
import type { CheckpointStats } from './checkpoint-stats';
import { PendingCheckpoint } from './pending-checkpoint';
import type { CheckpointFailure } from './checkpoint-state-machine';
import { CompletedCheckpointStore } from './completed-checkpoint-store';
import { CheckpointFailureManager } from './checkpoint-failure-manager';
import { CheckpointStatsTracker } from './checkpoint-stats-tracker';
import { checkpointLocation, discardLocation, writeMetadata } from '../../common/checkpoint/state-files';
import type { CheckpointMetadata } from '../../common/checkpoint/checkpoint-metadata';
import { SluiceError, errorMessage } from '../../common/errors';

/** The job's source coordinators, as checkpoints see them (jobmanager/source). */
export interface CheckpointedSources {
  /** Snapshots every enumerator and holds their events back; resolves with their states. */
  checkpoint(checkpointId: number): Promise<Record<string, string>>;
  /** The barriers were triggered at the sources: held events may go. */
  afterTriggers(): void;
  /** A restore point completed (a checkpoint or a stop-with-savepoint's savepoint). */
  notifyCheckpointComplete(checkpointId: number): void;
}

/** What a restart restores from. */
export interface RestoreSource {
  plan: Map<string, TaskRestore[]>;
  checkpointId: number;
  enumeratorStates: Record<string, string> | undefined;
}

export interface CheckpointCoordinatorOptions {
  jobId: string;
  graph: JobGraph;
  settings: CheckpointSettings;
  taskExecutors: TaskExecutorGateway;
  /** The current execution attempt. */
  executionGraph: () => ExecutionGraph;
  /** Too many consecutive failed checkpoints: the job fails over. */
  onFailover: (cause: string) => void;
  /**
   * A checkpoint completed. Awaited before the tasks are told (and sinks commit): recovery
   * must never restore from a checkpoint older than what sinks committed. A rejection fails
   * the checkpoint.
   */
  onCompleted?: (checkpoint: CompletedCheckpoint) => Promise<void>;
  log: Logger;
  now?: () => number;
  /** Source enumerators whose state goes into each checkpoint. */
  sources?: CheckpointedSources;
}

export interface TriggerOptions {
  isSavepoint: boolean;
  /** Where to write; the job's checkpoint storage when undefined. */
  location?: string;
  /** Bypasses concurrency and pause limits (final checkpoints, savepoints). */
  force?: boolean;
  /** The final checkpoint of a bounded job: tasks finish when it completes. */
  final?: boolean;
  /** Stop-with-savepoint: sources stop after the barrier, tasks finish when it completes. */
  stop?: boolean;
  /** With stop: event time advances to the end first. */
  drain?: boolean;
}

/**
 * Runs a job's checkpoints: triggers them at the sources on a timer, collects the subtasks'
 * acknowledgements, writes the metadata last, keeps the retained ones, tells every task when
 * one completed (two-phase-commit sinks commit; not for savepoints the job goes on after),
 * and counts failures against the tolerable number. It also answers which checkpoint a restart restores from. Each checkpoint moves
 * through the states of checkpoint-state-machine.ts; `pending` indexes those not yet ended.
 */
export class CheckpointCoordinator {
  readonly store: CompletedCheckpointStore;
  private readonly stats = new CheckpointStatsTracker();
  private readonly failures: CheckpointFailureManager;
  private readonly pending = new Map<number, PendingCheckpoint>();
  private readonly waiters = new Map<number, { resolve: (c: CompletedCheckpoint) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private timer: NodeJS.Timeout | undefined;
  private lastCompletedAt = 0;
  private finalTriggeredForAttempt = -1;
  /**
   * The attempt a stop-with-savepoint was triggered in: no periodic checkpoint follows it,
   * neither while it is pending (sources stop after its barrier) nor once it completed (the
   * tasks are finishing and decline, which failed the job over: CI's duplicates after a stop).
   * Cleared when the savepoint fails (the job goes on); a restart is a new attempt.
   */
  private stoppingAttempt = -1;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly opts: CheckpointCoordinatorOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log;
    this.store = new CompletedCheckpointStore(opts.settings.retained, opts.log);
    this.failures = new CheckpointFailureManager(opts.settings.tolerableFailures);
  }

  get settings(): CheckpointSettings {
    return this.opts.settings;
  }

  checkpointStats(): CheckpointStats {
    return this.stats.snapshot();
  }

  /** Per-subtask details of a checkpoint in the statistics' history. */
  checkpointDetails(checkpointId: number): CheckpointDetails | undefined {
    return this.stats.details(checkpointId);
  }

  /** Starts periodic checkpoints (the current attempt is running). Idempotent. */
  start(): void {
    if (this.timer || this.opts.settings.intervalMs <= 0) return;
    this.timer = setInterval(() => this.periodicTrigger(), this.opts.settings.intervalMs);
    this.timer.unref();
  }

  /** Stops triggering and abandons in-flight checkpoints (restart, cancel, end). */
  stop(reason: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const p of [...this.pending.values()]) this.failPending(p, 'ABORTED', `checkpoint abandoned: ${reason}`);
  }

  /** Continues numbering after a restored checkpoint or savepoint. */
  restoredFrom(checkpointId: number, externalPath: string, isSavepoint: boolean): void {
    this.nextId = Math.max(this.nextId, checkpointId + 1);
    this.stats.restored(checkpointId, externalPath, isSavepoint, this.now());
  }

  /** The state each vertex restores after a failure: the newest intact retained checkpoint. */
  async restorePlan(): Promise<Map<string, TaskRestore[]> | undefined> {
    return (await this.restoreSource())?.plan;
  }

  /**
   * The newest intact retained checkpoint: every vertex's restore and the enumerators' states.
   * Throws when checkpoints completed but none is usable (never "start empty").
   */
  async restoreSource(): Promise<RestoreSource | undefined> {
    const latest = await this.store.latestRestorable();
    if (!latest) return undefined;
    const id = latest.metadata.checkpointId;
    this.restoredFrom(id, latest.externalPath, latest.checkpoint.isSavepoint);
    this.log.info(`Restoring job ${this.opts.jobId} from checkpoint ${id}`, { path: latest.externalPath });
    return { plan: restorePlanOf(latest.metadata, latest.externalPath), checkpointId: id, enumeratorStates: latest.metadata.sourceEnumerators };
  }

  /**
   * A checkpoint the HA store points to (a JobManager restart): retained as if completed here,
   * so restores read it (and fail the job rather than start empty if it is unusable).
   */
  recoveredCheckpoint(checkpointId: number, externalPath: string, isSavepoint = false): void {
    this.nextId = Math.max(this.nextId, checkpointId + 1);
    const location = externalPath.slice(0, externalPath.lastIndexOf('/'));
    this.store.add({ checkpointId, timestamp: 0, completedAt: 0, isSavepoint, externalPath, location, stateSize: 0 });
  }

  /** Triggers a checkpoint or savepoint; resolves when it completed, rejects when it failed. */
  trigger(options: TriggerOptions): Promise<CompletedCheckpoint> {
    const eg = this.opts.executionGraph();
    const execs = eg.executions();
    const notRunning = execs.find((e) => e.state !== 'RUNNING' || !e.slot);
    if (notRunning) return Promise.reject(new SluiceError('ILLEGAL_STATE', `Job ${this.opts.jobId} is not running all its tasks (${notRunning.taskName} is ${notRunning.state}); try again once it runs`, { domain: 'user', retryable: true }));
    if (!options.force && this.pendingCheckpoints() >= this.opts.settings.maxConcurrent)
      return Promise.reject(new SluiceError('ILLEGAL_STATE', `${this.pendingCheckpoints()} checkpoint(s) already in progress`, { retryable: true }));
    const id = this.nextId++;
    const timestamp = this.now();
    const location = options.location ?? checkpointLocation(this.opts.settings.storage, this.opts.jobId, id);
    const p = new PendingCheckpoint(id, eg.attempt, timestamp, location, options.isSavepoint, execs.map((e) => PendingCheckpoint.taskKey(e.vertex.id, e.subtask)), options.final ?? false);
    p.stop = options.stop ?? false;
    p.drain = options.drain ?? false;
    if (p.stop) this.stoppingAttempt = eg.attempt;
    this.pending.set(id, p);
    this.stats.triggered(p);
    // Periodic checkpoints are logged when they end; a savepoint is the user's, and a stop
    // holds the job until it ends, so its start is on record too.
    if (p.isSavepoint) this.log.info(`Triggering ${p.stop ? `stop-with-savepoint${p.drain ? ' (drain)' : ''}` : 'savepoint'} ${id} for job ${this.opts.jobId}`, { location });
    p.timeout = setTimeout(() => this.failPending(p, 'EXPIRED', `checkpoint ${id} expired after ${this.opts.settings.timeoutMs} ms before all tasks acknowledged`), this.opts.settings.timeoutMs);
    p.timeout.unref();
    const done = new Promise<CompletedCheckpoint>((resolve, reject) => this.waiters.set(id, { resolve, reject }));
    const targets = execs.filter((e) => isSource(e) || e.endOfData);
    const sources = this.opts.sources;
    if (!sources) for (const e of targets) void this.sendTrigger(p, e);
    // One checkpoint at a time passes the enumerators: snapshot, barriers, then their held events.
    else this.sourceTriggers = this.sourceTriggers.then(() => this.triggerWithSources(p, targets, sources));
    return done;
  }

  private sourceTriggers: Promise<void> = Promise.resolve();

  /** Enumerator states first, then the barriers, then the events the enumerators sent meanwhile. */
  private async triggerWithSources(p: PendingCheckpoint, targets: readonly Execution[], sources: CheckpointedSources): Promise<void> {
    if (p.state !== 'PENDING') return;
    try {
      p.enumeratorStates = await sources.checkpoint(p.checkpointId);
    } catch (err) {
      sources.afterTriggers();
      this.failPending(p, 'FAILED', errorMessage(err));
      return;
    }
    try {
      if (p.state === 'PENDING') await Promise.all(targets.map((e) => this.sendTrigger(p, e)));
    } finally {
      sources.afterTriggers();
    }
  }

  acknowledge(ack: CheckpointAck): void {
    const p = this.pending.get(ack.checkpointId);
    if (!p || p.attempt !== ack.attempt) return;
    if (!p.acknowledge(ack.vertexId, ack.subtask, { handle: present(ack.handle, 'state handle (CheckpointAck.handle)'), alignmentMs: ack.alignmentMs, syncMs: ack.syncMs, asyncMs: ack.asyncMs }, this.now())) return;
    this.stats.acknowledged(p);
    if (p.fullyAcknowledged) {
      p.lifecycle.transition('COMPLETING');
      void this.complete(p);
    }
  }

  decline(d: CheckpointDecline): void {
    const p = this.pending.get(d.checkpointId);
    if (!p || p.attempt !== d.attempt) return;
    // Declines after every task acknowledged (COMPLETING) change nothing. A checkpoint the
    // tasks of a stopping job decline is abandoned, not counted against the job.
    if (p.state !== 'PENDING') return;
    const stopping = !p.stop && this.stoppingAttempt === p.attempt;
    this.failPending(p, stopping ? 'ABORTED' : 'DECLINED', `declined by ${d.vertexId}/${d.subtask}${stopping ? ' (the job is stopping with a savepoint)' : ''}: ${d.reason}`);
  }

  /**
   * A task's input ended. It takes part in checkpoints in flight directly (no barrier will
   * reach it), and once every task is there, a final checkpoint lets the sinks commit.
   */
  onEndOfData(exec: Execution): void {
    for (const p of this.pending.values()) if (p.state === 'PENDING' && p.attempt === exec.attempt && !p.hasAcknowledged(exec.vertex.id, exec.subtask)) void this.sendTrigger(p, exec);
    const eg = this.opts.executionGraph();
    if (eg.attempt !== exec.attempt || this.finalTriggeredForAttempt === eg.attempt) return;
    if (eg.executions().every((e) => e.endOfData)) {
      this.finalTriggeredForAttempt = eg.attempt;
      this.trigger({ isSavepoint: false, force: true, final: true }).catch((err) => this.log.warn(`Final checkpoint of job ${this.opts.jobId} failed: ${errorMessage(err)}`));
    }
  }

  /**
   * Pending periodic checkpoints. Savepoints do not count: a savepoint that hangs on its
   * target must never hold back the checkpoints (and sink commits) of the job.
   */
  private pendingCheckpoints(): number {
    let n = 0;
    for (const p of this.pending.values()) if (!p.isSavepoint) n++;
    return n;
  }

  private periodicTrigger(): void {
    const eg = this.opts.executionGraph();
    if (this.pendingCheckpoints() >= this.opts.settings.maxConcurrent) return;
    // Stop-with-savepoint: sources stop after its barrier; a checkpoint now could not complete.
    if (this.stoppingAttempt === eg.attempt) return;
    if (this.now() - this.lastCompletedAt < this.opts.settings.minPauseMs) return;
    if (eg.executions().some((e) => e.state !== 'RUNNING')) return;
    // A final checkpoint is on its way; periodic ones would only race it.
    if (this.finalTriggeredForAttempt === eg.attempt) return;
    this.trigger({ isSavepoint: false }).catch(() => {
      /* failures are counted and logged where they happen */
    });
  }

  private sendTrigger(p: PendingCheckpoint, e: Execution): Promise<void> {
    const slot = e.slot;
    if (!slot) return Promise.resolve();
    return this.opts.taskExecutors
      .triggerCheckpoint(slot.rpcAddress, {
        task: { jobId: this.opts.jobId, attempt: e.attempt, vertexId: e.vertex.id, subtask: e.subtask },
        checkpointId: p.checkpointId,
        timestamp: p.timestamp,
        location: p.location,
        isSavepoint: p.isSavepoint,
        finalCheckpoint: p.isFinal,
        stop: p.stop,
        drain: p.drain,
      })
      .catch((err: unknown) => this.failPending(p, 'FAILED', `could not trigger ${e.taskName} on TaskManager ${slot.taskManagerId}: ${errorMessage(err)}`));
  }

  private async complete(p: PendingCheckpoint): Promise<void> {
    if (p.timeout) clearTimeout(p.timeout);
    const metadata: CheckpointMetadata = {
      format: 'sluice-checkpoint',
      version: 1,
      jobId: this.opts.jobId,
      checkpointId: p.checkpointId,
      timestamp: p.timestamp,
      isSavepoint: p.isSavepoint,
      vertices: this.opts.graph.vertices.map((v) => ({
        vertexId: v.id,
        name: v.name,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        operatorUids: v.operators.map((o) => o.uid),
        operatorKinds: v.operators.map((o) => o.kind),
        handles: Array.from({ length: v.parallelism }, (_, i) => p.acks.get(PendingCheckpoint.taskKey(v.id, i))!.handle),
      })),
      ...(p.enumeratorStates ? { sourceEnumerators: p.enumeratorStates } : {}),
    };
    let externalPath: string;
    try {
      externalPath = await writeMetadata(p.location, metadata);
    } catch (err) {
      this.failPending(p, 'FAILED', `writing the metadata of checkpoint ${p.checkpointId} failed: ${errorMessage(err)}`);
      return;
    }
    if (p.state !== 'COMPLETING') return; // abandoned meanwhile
    const now = this.now();
    const completed: CompletedCheckpoint = {
      checkpointId: p.checkpointId,
      timestamp: p.timestamp,
      completedAt: now,
      isSavepoint: p.isSavepoint,
      externalPath,
      location: p.location,
      stateSize: p.stateSize,
      metadata,
    };
    // Flink's semantics since 1.15: a savepoint taken while the job goes on commits no side
    // effects and is never restored by a failover (the user owns it); a stop-with-savepoint's
    // savepoint is both, since the job ends on it. Were sinks told of an intermediate savepoint,
    // a failure before the next checkpoint would restore the one before and replay what they
    // had committed.
    const restorePoint = !p.isSavepoint || p.stop;
    if (restorePoint && this.opts.onCompleted) {
      try {
        await this.opts.onCompleted(completed);
      } catch (err) {
        this.failPending(p, 'FAILED', `recording checkpoint ${p.checkpointId} in the HA store failed: ${errorMessage(err)}`);
        return;
      }
    }
    if (!p.lifecycle.tryTransition('COMPLETED')) return; // abandoned meanwhile
    this.pending.delete(p.checkpointId);
    if (restorePoint) this.store.add(completed);
    this.lastCompletedAt = now;
    this.failures.onSuccess();
    this.stats.completed(p, externalPath, now);
    this.log.info(`Completed ${p.isSavepoint ? 'savepoint' : 'checkpoint'} ${p.checkpointId} for job ${this.opts.jobId}`, {
      durationMs: now - p.timestamp,
      sizeBytes: p.stateSize,
      alignmentMs: p.maxAlignmentMs,
      path: externalPath,
    });
    if (restorePoint) {
      this.opts.sources?.notifyCheckpointComplete(p.checkpointId);
      this.notifyTasks(p, false);
    }
    const waiter = this.waiters.get(p.checkpointId);
    this.waiters.delete(p.checkpointId);
    waiter?.resolve(completed);
  }

  private notifyTasks(p: PendingCheckpoint, aborted: boolean): void {
    const eg = this.opts.executionGraph();
    if (eg.attempt !== p.attempt) return;
    const addresses = new Set(eg.executions().flatMap((e) => (e.slot && !e.isTerminal ? [e.slot.rpcAddress] : [])));
    for (const rpc of addresses)
      this.opts.taskExecutors.notifyCheckpoint(rpc, { jobId: this.opts.jobId, attempt: p.attempt, checkpointId: p.checkpointId, aborted }).catch((err: unknown) => {
        this.log.warn(`Could not notify TaskManager at ${rpc} of checkpoint ${p.checkpointId}: ${errorMessage(err)}`);
      });
  }

  /** Ends a checkpoint that did not complete; nothing happens when it already ended. */
  private failPending(p: PendingCheckpoint, how: CheckpointFailure, reason: string): void {
    if (!p.lifecycle.tryTransition(how)) return;
    this.pending.delete(p.checkpointId);
    if (p.timeout) clearTimeout(p.timeout);
    this.stats.failed(p, reason, this.now());
    this.log.warn(`${p.isSavepoint ? 'Savepoint' : 'Checkpoint'} ${p.checkpointId} of job ${this.opts.jobId} failed: ${reason}`);
    discardLocation(p.location).catch(() => {
      /* storage may be what failed; leftovers without metadata are never restored */
    });
    // Tasks holding still for a stop-with-savepoint resume, and so do periodic checkpoints.
    if (p.stop) {
      if (this.stoppingAttempt === p.attempt) this.stoppingAttempt = -1;
      this.notifyTasks(p, true);
    }
    const waiter = this.waiters.get(p.checkpointId);
    this.waiters.delete(p.checkpointId);
    waiter?.reject(new SluiceError('CHECKPOINT_FAILURE', reason, { domain: 'external', retryable: true }));
    // Savepoints are the user's request: their failure is reported, not counted against the
    // job; neither is abandoning a checkpoint because the job stops or restarts.
    if (how !== 'ABORTED' && !p.isSavepoint && this.failures.onFailure())
      this.opts.onFailover(`Exceeded the tolerable number of consecutive checkpoint failures (${this.opts.settings.tolerableFailures}); last: ${reason}`);
  }
}

/** The enumerator states of a checkpoint's or savepoint's metadata (Source API sources). */
export function enumeratorStatesOf(metadata: CheckpointMetadata): Record<string, string> | undefined {
  return metadata.sourceEnumerators;
}

function isSource(e: Execution): boolean {
  return isSourceKind(e.vertex.operators[0].kind);
}

/** Which state each vertex's subtasks read, from a checkpoint's or savepoint's metadata. */
export function restorePlanOf(metadata: CheckpointMetadata, externalPath: string): Map<string, TaskRestore[]> {
  const plan = new Map<string, TaskRestore[]>();
  for (const v of metadata.vertices)
    plan.set(v.vertexId, [{
      checkpointId: metadata.checkpointId,
      externalPath,
      previousParallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      handles: v.handles,
      isSavepoint: metadata.isSavepoint,
    }]);
  return plan;
}
