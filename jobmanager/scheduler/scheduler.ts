import { SluiceError, errorMessage } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { StateMachine } from '../../common/state-machine';
import type { JobGraph, TaskExecutionState } from '../../proto/messages';
import { type ExceptionEntry, ExceptionHistory } from '../failover/exception-history';
import { type FailureDescription, describeTaskFailure } from '../failover/task-failure';
import type { RestartStrategy } from '../failover/restart-strategy';
import { SlotRequestCancelledError, type SlotPool } from '../resource/slot-pool';
import type { TaskExecutorGateway } from '../rpc/task-executor-client';
import { createDeploymentDescriptor } from './deployment-descriptor-factory';
import { type Execution, ExecutionGraph } from './execution-graph';
import { type JobState, createJobStateMachine, isTerminalJobState } from './job-state-machine';
import type { JobArtifact, ReaderToEnumeratorEvent, TaskRestore } from '../../proto/messages';
import { SourceCoordinators, hasSourceCoordinators, type ReaderBoundEvent } from '../source/source-coordinators';
import type { CheckpointSettings } from '../checkpoint/checkpoint-config';
import { CheckpointCoordinator, type RestoreSource } from '../checkpoint/checkpoint-coordinator';
import type { CompletedCheckpoint } from '../checkpoint/completed-checkpoint';

/** State a job starts from (a savepoint or retained checkpoint given at submission). */
export interface InitialRestore {
  readonly plan: Map<string, TaskRestore[]>;
  readonly checkpointId: number;
  readonly externalPath: string;
  readonly isSavepoint: boolean;
  /** The split enumerators' states in it, by source uid. */
  readonly enumeratorStates?: Record<string, string>;
}

export interface SchedulerOptions {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly slotPool: SlotPool;
  readonly taskExecutors: TaskExecutorGateway;
  readonly restartStrategy: RestartStrategy;
  readonly slotRequestTimeoutMs: number;
  /** How long cancellation waits for tasks to confirm before it counts them as canceled. */
  readonly cancelTimeoutMs: number;
  readonly log: Logger;
  readonly now?: () => number;
  /** Called once when the job reaches a terminal state. */
  readonly onTerminal?: (state: JobState) => void;
  /** Called when a new execution attempt begins (after a restart). */
  readonly onNewAttempt?: (attempt: number) => void;
  /** The first execution attempt's number (after a JobManager restart, above all earlier ones). @default 0 */
  readonly firstAttempt?: number;
  /** Awaited before an attempt deploys (the HA store records it, so attempt numbers never repeat). */
  readonly beforeAttempt?: (attempt: number) => Promise<void>;
  /** Called with every completed checkpoint before tasks commit (HA checkpoint pointer). */
  readonly onCheckpointCompleted?: (checkpoint: CompletedCheckpoint) => Promise<void>;
  /** The job's checkpointing settings (intervalMs 0: savepoints only). */
  readonly checkpointSettings?: CheckpointSettings;
  readonly initialRestore?: InitialRestore;
  /** The checkpoint the HA store points to (JobManager restart): the first attempt restores it. */
  readonly recoveredCheckpoint?: { readonly checkpointId: number; readonly externalPath: string; readonly isSavepoint?: boolean };
  /** The job cannot start: it fails at once with this cause (recorded in its exceptions). */
  readonly startFailure?: string;
  /** The job artifact: the JobManager runs it to get the Source objects whose enumerators it runs. */
  readonly artifact?: JobArtifact;
}

/**
 * Runs one job: acquires its slots, deploys every subtask, follows the tasks' reports, and
 * drives the job's state machine to FINISHED, FAILED or CANCELED. Failures go through the
 * job's RestartStrategy; a restart cancels the current attempt and schedules a new
 * ExecutionGraph with the next attempt number (reports of older attempts are ignored).
 */
export class Scheduler {
  readonly machine: StateMachine<JobState>;
  readonly exceptions = new ExceptionHistory();
  readonly submittedAt: number;
  private eg: ExecutionGraph;
  private failure: string | undefined;
  private cancelTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelayMs = 0;
  private readonly now: () => number;
  private readonly log: Logger;
  /** The job's checkpoint coordinator, when checkpointing is on. */
  readonly checkpoints: CheckpointCoordinator | undefined;
  /** The split enumerators of the job's Source API sources. */
  private readonly sources: SourceCoordinators | undefined;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? Date.now;
    this.submittedAt = this.now();
    this.log = opts.log;
    this.machine = createJobStateMachine(opts.jobId, this.now);
    this.eg = new ExecutionGraph(opts.graph, opts.firstAttempt ?? 0, this.now);
    if (opts.artifact && hasSourceCoordinators(opts.graph)) {
      this.sources = new SourceCoordinators({
        jobId: opts.jobId,
        deployment: { graph: opts.graph, artifact: opts.artifact },
        deliver: (event) => this.deliverSourceEvent(event),
        onFailure: (cause) => {
          if (this.state !== 'RUNNING' && this.state !== 'CREATED') return;
          this.recordException({ exceptionName: 'SourceCoordinatorFailure', message: cause });
          this.handleFailure(cause);
        },
        log: this.log.child('sources'),
      });
      const initial = opts.initialRestore;
      this.sources.start(this.eg.attempt, initial?.enumeratorStates, initial?.checkpointId ?? null);
    }
    if (opts.checkpointSettings)
      this.checkpoints = new CheckpointCoordinator({
        jobId: opts.jobId,
        graph: opts.graph,
        settings: opts.checkpointSettings,
        taskExecutors: opts.taskExecutors,
        executionGraph: () => this.eg,
        onFailover: (cause) => {
          if (this.state !== 'RUNNING') return;
          this.recordException({ exceptionName: 'CheckpointFailure', message: cause });
          this.handleFailure(cause);
        },
        onCompleted: opts.onCheckpointCompleted,
        log: this.log.child('checkpoints'),
        now: this.now,
        sources: this.sources,
      });
    if (opts.recoveredCheckpoint) this.checkpoints?.recoveredCheckpoint(opts.recoveredCheckpoint.checkpointId, opts.recoveredCheckpoint.externalPath, opts.recoveredCheckpoint.isSavepoint);
    if (opts.initialRestore) this.checkpoints?.restoredFrom(opts.initialRestore.checkpointId, opts.initialRestore.externalPath, opts.initialRestore.isSavepoint);
    this.machine.onTransition((from, to) => {
      this.log.info(`Job '${opts.graph.name}' (${opts.jobId}) switched from state ${from} to ${to}`, to === 'FAILED' ? { cause: this.failure } : undefined);
      if (isTerminalJobState(to)) this.onTerminal(to);
    });
  }

  get jobId(): string {
    return this.opts.jobId;
  }

  get graph(): JobGraph {
    return this.opts.graph;
  }

  get state(): JobState {
    return this.machine.state;
  }

  /** The restart strategy's name (`none`, `fixed-delay`, ...), as GET /jobs/:jid/config shows it. */
  get restartStrategyName(): string {
    return this.opts.restartStrategy.name;
  }

  get executionGraph(): ExecutionGraph {
    return this.eg;
  }

  /** Why the job failed; set once the failure is final (FAILING/FAILED). */
  get failureCause(): string | undefined {
    return this.failure;
  }

  /** When the job reached its terminal state, or undefined while it runs. */
  get endTime(): number | undefined {
    return isTerminalJobState(this.state) ? this.machine.enteredAt(this.state) : undefined;
  }

  /** Begins scheduling in the background; progress shows in the job's state. */
  start(): void {
    if (this.opts.startFailure !== undefined) {
      this.recordException({ exceptionName: 'JobRecoveryError', message: this.opts.startFailure });
      this.failWithoutRestart(this.opts.startFailure);
      return;
    }
    void this.scheduleAttempt(this.eg);
  }

  /**
   * A failure of the running job found outside its tasks (a stop-with-savepoint whose tasks did
   * not finish): recorded in its exceptions, then the restart strategy decides, as for any failure.
   */
  failover(exceptionName: string, cause: string): void {
    if (this.state !== 'RUNNING') return;
    this.recordException({ exceptionName, message: cause });
    this.handleFailure(cause);
  }

  /** Cancels the job. Throws ILLEGAL_STATE if it already reached a terminal state. */
  cancel(): void {
    const state = this.state;
    if (isTerminalJobState(state))
      throw new SluiceError('ILLEGAL_STATE', `Job ${this.jobId} is already ${state}; only a job that has not ended can be cancelled`, { domain: 'user' });
    if (state === 'CANCELLING') return;
    this.machine.transition('CANCELLING');
    this.checkpoints?.stop('the job is being cancelled');
    this.opts.slotPool.cancelRequest(this.jobId);
    this.clearRestartTimer();
    this.cancelExecutions();
    this.checkProgress();
  }

  /** A task's report. Reports of other attempts, unknown tasks or impossible transitions are ignored. */
  onTaskExecutionState(update: TaskExecutionState): void {
    const eg = this.eg;
    if (update.attempt !== eg.attempt) {
      this.log.debug(`Ignoring ${update.state} of a stale attempt`, { job: this.jobId, attempt: update.attempt, current: eg.attempt });
      return;
    }
    const exec = eg.find(update.vertexId, update.subtask);
    if (!exec) {
      this.log.warn(`Ignoring ${update.state} of unknown task ${update.vertexId}/${update.subtask}`, { job: this.jobId });
      return;
    }
    if (update.taskManagerId && exec.taskManagerId !== update.taskManagerId) {
      this.log.warn(`Ignoring ${update.state} of ${exec.taskName} from TaskManager ${update.taskManagerId}: it runs on ${exec.taskManagerId}`, { job: this.jobId });
      return;
    }
    if (update.endOfData && update.state === 'RUNNING' && exec.state === 'RUNNING' && !exec.endOfData) {
      exec.endOfData = true;
      this.checkpoints?.onEndOfData(exec);
      return;
    }
    if (exec.state === update.state) return;
    if (!exec.machine.can(update.state)) {
      this.log.debug(`Ignoring ${exec.taskName} ${exec.state} -> ${update.state}`, { job: this.jobId });
      return;
    }
    if (update.state === 'FAILED') {
      this.executionFailed(exec, describeTaskFailure(exec.taskName, update.error ?? '', update.errorInfo));
      return;
    }
    exec.machine.transition(update.state);
    if (update.state === 'RUNNING' && this.state === 'RUNNING' && eg.executions().every((e) => e.state === 'RUNNING')) this.checkpoints?.start();
    if (update.state === 'CANCELED' && (this.state === 'RUNNING' || this.state === 'CREATED')) {
      const cause = `${exec.taskName} was canceled on TaskManager ${exec.taskManagerId} although the job was not being cancelled`;
      this.recordException({ exceptionName: 'TaskCanceledError', message: cause }, exec);
      this.handleFailure(cause);
      return;
    }
    this.checkProgress();
  }

  /** A source reader's event for its split enumerator. Events of other attempts are ignored. */
  onReaderEvent(event: ReaderToEnumeratorEvent): void {
    if (event.task?.attempt !== this.eg.attempt) return;
    this.sources?.handleReaderEvent(event);
  }

  /** Delivers an enumerator's event to its reader, if that reader still runs in the current attempt. */
  private async deliverSourceEvent(event: ReaderBoundEvent): Promise<void> {
    const eg = this.eg;
    if (event.task.attempt !== eg.attempt) return;
    const exec = eg.find(event.task.vertexId, event.task.subtask);
    if (!exec?.slot || exec.isTerminal || !this.opts.taskExecutors.sendEventToTask) return;
    try {
      await this.opts.taskExecutors.sendEventToTask(exec.slot.rpcAddress, event);
    } catch (err) {
      // The reader's TaskManager is gone or its task ended: the failover that follows hands
      // the split back; a task of another attempt is of no concern.
      if (eg !== this.eg || exec.isTerminal) return;
      throw err;
    }
  }

  /** A TaskManager is gone: its unfinished tasks failed (or, if they were being cancelled, are canceled). */
  onTaskManagerLost(taskManagerId: string, reason: string): void {
    const lost = this.eg.executions().filter((e) => e.taskManagerId === taskManagerId && !e.isTerminal);
    if (lost.length === 0) return;
    const cause = `TaskManager ${taskManagerId} lost: ${reason}`;
    let failed = false;
    for (const e of lost) {
      if (e.state === 'CANCELING') e.machine.transition('CANCELED');
      else {
        e.failure = cause;
        e.machine.transition('FAILED');
        failed = true;
      }
    }
    if (failed) this.recordException({ exceptionName: 'TaskManagerLostError', message: cause }, lost[0]);
    if (failed && (this.state === 'RUNNING' || this.state === 'CREATED')) this.handleFailure(cause);
    else this.checkProgress();
  }

  /** Shutdown: asks TaskManagers to cancel running tasks (best effort) and stops timers. */
  async shutdown(timeoutMs: number): Promise<void> {
    this.clearCancelTimer();
    this.clearRestartTimer();
    const running = this.eg.executions().filter((e) => e.slot && (e.state === 'DEPLOYING' || e.state === 'RUNNING' || e.state === 'CANCELING'));
    await Promise.allSettled(running.map((e) => this.opts.taskExecutors.cancelTask(e.slot!.rpcAddress, this.taskRef(e), timeoutMs)));
  }

  private async scheduleAttempt(eg: ExecutionGraph): Promise<void> {
    let slots;
    try {
      slots = await this.opts.slotPool.requestSlots({ jobId: this.jobId, jobName: this.graph.name, count: eg.requiredSlots, timeoutMs: this.opts.slotRequestTimeoutMs });
    } catch (err) {
      if (err instanceof SlotRequestCancelledError || eg !== this.eg || this.state !== 'CREATED') return;
      const cause = errorMessage(err);
      this.recordException({ exceptionName: err instanceof SluiceError ? err.name : 'Error', message: cause });
      this.handleFailure(cause);
      return;
    }
    if (eg !== this.eg || this.state !== 'CREATED') {
      this.opts.slotPool.release(this.jobId);
      return;
    }
    // After a failure: the newest intact checkpoint, else the state the job was started from.
    const isRestart = eg.attempt > (this.opts.firstAttempt ?? 0);
    let latest: RestoreSource | undefined;
    try {
      latest = isRestart || this.opts.recoveredCheckpoint !== undefined ? await this.checkpoints?.restoreSource() : undefined;
    } catch (err) {
      if (eg !== this.eg || this.state !== 'CREATED') return;
      this.opts.slotPool.release(this.jobId);
      const cause = errorMessage(err);
      this.recordException({ exceptionName: err instanceof SluiceError ? err.name : 'Error', message: cause });
      // Corrupt checkpoints do not heal: the job fails with the cause. Unreachable storage may.
      if (err instanceof SluiceError && err.retryable) this.handleFailure(cause);
      else this.failWithoutRestart(cause);
      return;
    }
    const initial = this.opts.initialRestore;
    const plan = latest?.plan ?? initial?.plan;
    if (eg !== this.eg || this.state !== 'CREATED') {
      this.opts.slotPool.release(this.jobId);
      return;
    }
    if (isRestart || latest) this.sources?.resetForAttempt(eg.attempt, latest ? latest.checkpointId : (initial?.checkpointId ?? null), latest ? latest.enumeratorStates : initial?.enumeratorStates);
    try {
      await this.opts.beforeAttempt?.(eg.attempt);
    } catch (err) {
      if (eg !== this.eg || this.state !== 'CREATED') return;
      this.opts.slotPool.release(this.jobId);
      const cause = `Could not record attempt ${eg.attempt} of job ${this.jobId} in the HA store: ${errorMessage(err)}`;
      this.recordException({ exceptionName: 'HaStoreError', message: cause });
      this.handleFailure(cause);
      return;
    }
    if (eg !== this.eg || this.state !== 'CREATED') {
      this.opts.slotPool.release(this.jobId);
      return;
    }
    eg.assignSlots(slots);
    this.machine.transition('RUNNING');
    for (const exec of eg.executions()) this.deploy(eg, exec, plan?.get(exec.vertex.id));
  }

  private deploy(eg: ExecutionGraph, exec: Execution, restores: TaskRestore[] | undefined): void {
    const slot = exec.slot!;
    const tdd = createDeploymentDescriptor(this.jobId, eg, exec);
    if (restores) tdd.restores = restores;
    exec.machine.transition('DEPLOYING');
    this.opts.taskExecutors.deployTask(slot.rpcAddress, tdd).catch((err: unknown) => {
      if (eg !== this.eg || exec.isTerminal) return;
      const cause = `Could not deploy ${exec.taskName} to TaskManager ${slot.taskManagerId} (${slot.rpcAddress}): ${errorMessage(err)}`;
      this.executionFailed(exec, { cause, exceptionName: 'DeploymentError', stacktrace: cause, domain: 'external', signature: cause });
    });
  }

  private executionFailed(exec: Execution, failure: FailureDescription): void {
    if (!exec.machine.can('FAILED')) return;
    exec.failure = failure.cause;
    exec.machine.transition('FAILED');
    this.recordException({ exceptionName: failure.exceptionName, message: failure.cause, stacktrace: failure.stacktrace }, exec);
    if (this.state === 'RUNNING' || this.state === 'CREATED') this.handleFailure(failure.cause, failure);
    else this.checkProgress();
  }

  /** A failure of the whole attempt: ask the restart strategy, then cancel what still runs. */
  private handleFailure(cause: string, failure?: Pick<FailureDescription, 'domain' | 'signature'>): void {
    this.checkpoints?.stop('the job is failing over');
    const decision = this.opts.restartStrategy.onFailure({ cause, timestamp: this.now(), attempt: this.eg.attempt, domain: failure?.domain ?? 'internal', signature: failure?.signature ?? cause });
    if (decision.restart) {
      this.restartDelayMs = decision.delayMs;
      this.log.info(`Job ${this.jobId} will restart in ${decision.delayMs} ms (${this.opts.restartStrategy.name})`, { cause });
      this.machine.transition('RESTARTING');
    } else {
      this.failure = cause;
      this.machine.transition('FAILING');
    }
    this.opts.slotPool.cancelRequest(this.jobId);
    this.cancelExecutions();
    this.checkProgress();
  }

  /** A failure no restart can fix: the job fails whatever its restart strategy says. */
  private failWithoutRestart(cause: string): void {
    this.checkpoints?.stop('the job is failing');
    this.failure = cause;
    this.machine.transition('FAILING');
    this.opts.slotPool.cancelRequest(this.jobId);
    this.cancelExecutions();
    this.checkProgress();
  }

  /** Cancels every execution that has not ended; deployed ones through their TaskManager. */
  private cancelExecutions(): void {
    const eg = this.eg;
    for (const e of eg.executions()) {
      if (e.state === 'CREATED' || e.state === 'SCHEDULED') e.machine.transition('CANCELED');
      else if (e.state === 'DEPLOYING' || e.state === 'RUNNING') {
        e.machine.transition('CANCELING');
        const slot = e.slot!;
        this.opts.taskExecutors.cancelTask(slot.rpcAddress, this.taskRef(e)).catch((err: unknown) => {
          this.log.warn(`Could not cancel ${e.taskName} on TaskManager ${slot.taskManagerId}: ${errorMessage(err)}`, { job: this.jobId });
        });
      }
    }
    if (!eg.allTerminal() && !this.cancelTimer) {
      this.cancelTimer = setTimeout(() => this.cancelTimedOut(eg), this.opts.cancelTimeoutMs);
      this.cancelTimer.unref();
    }
  }

  private cancelTimedOut(eg: ExecutionGraph): void {
    this.cancelTimer = undefined;
    if (eg !== this.eg) return;
    for (const e of eg.executions()) {
      if (e.isTerminal) continue;
      this.log.warn(`${e.taskName} did not confirm cancellation within ${this.opts.cancelTimeoutMs} ms; counting it as canceled`, { job: this.jobId });
      e.machine.transition('CANCELED');
    }
    this.checkProgress();
  }

  /** Moves the job on when its executions allow: all finished, or all ended after a failure or cancel. */
  private checkProgress(): void {
    const eg = this.eg;
    switch (this.state) {
      case 'RUNNING':
        if (eg.allFinished()) this.machine.transition('FINISHED');
        return;
      case 'FAILING':
        if (eg.allTerminal()) this.machine.transition('FAILED');
        return;
      case 'CANCELLING':
        if (eg.allTerminal()) this.machine.transition('CANCELED');
        return;
      case 'RESTARTING':
        if (eg.allTerminal() && !this.restartTimer) this.scheduleRestart();
        return;
      default:
        return;
    }
  }

  private scheduleRestart(): void {
    this.clearCancelTimer();
    this.opts.slotPool.release(this.jobId);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (this.state !== 'RESTARTING') return;
      this.eg = new ExecutionGraph(this.graph, this.eg.attempt + 1, this.now);
      this.opts.onNewAttempt?.(this.eg.attempt);
      this.machine.transition('CREATED');
      void this.scheduleAttempt(this.eg);
    }, this.restartDelayMs);
    this.restartTimer.unref();
  }

  private onTerminal(state: JobState): void {
    this.checkpoints?.stop(`the job is ${state}`);
    this.sources?.close();
    this.clearCancelTimer();
    this.clearRestartTimer();
    this.opts.slotPool.cancelRequest(this.jobId);
    this.opts.slotPool.release(this.jobId);
    this.opts.onTerminal?.(state);
  }

  private recordException(entry: Pick<ExceptionEntry, 'exceptionName' | 'message' | 'stacktrace'>, exec?: Execution): void {
    this.exceptions.add({
      ...entry,
      timestamp: this.now(),
      taskName: exec?.taskName,
      taskManagerId: exec?.taskManagerId,
      location: exec?.slot?.rpcAddress,
    });
  }

  private taskRef(e: Execution) {
    return { jobId: this.jobId, attempt: e.attempt, vertexId: e.vertex.id, subtask: e.subtask };
  }

  private clearCancelTimer(): void {
    if (this.cancelTimer) clearTimeout(this.cancelTimer);
    this.cancelTimer = undefined;
  }

  private clearRestartTimer(): void {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }
}
