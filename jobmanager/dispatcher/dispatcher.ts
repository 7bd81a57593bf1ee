import { InvalidArgumentError, InvalidGraphError, JobNotFoundError, SluiceError, errorMessage } from '../../common/errors';
import { newJobId, normalizeJobId } from '../../common/ids';
import { probeWritableTarget } from '../../common/checkpoint/storage-probe';
import { validateJobGraph } from '../../common/job-graph-validation';
import type { Logger } from '../../common/logger';
import type { JobArtifact, JobDeploymentInfo, JobGraph, JobStatus, JobSummary, ReaderToEnumeratorEvent, TaskExecutionState } from '../../proto/messages';
import type { JobSubmission } from './job-submission';
import { present } from '../../proto/present';
import type { RestartStrategy, RestartStrategyFactory } from '../failover/restart-strategy';
import type { TaskMetricsStore } from '../metrics/task-metrics-store';
import type { SlotPool } from '../resource/slot-pool';
import type { TaskExecutorGateway } from '../rpc/task-executor-client';
import { isExecutionState } from '../scheduler/execution-state-machine';
import { jobStatus, jobSummary } from '../scheduler/job-status';
import { Scheduler, type InitialRestore } from '../scheduler/scheduler';
import { planSavepointRestore } from '../checkpoint/savepoint-restore';
import type { CheckpointPointer, HaStore, StoredJob } from '../ha/ha-store';
import { type CheckpointSettings, checkpointSettings, type ClusterCheckpointDefaults } from '../checkpoint/checkpoint-config';
import { type JobConfig, parseJobConfig } from '../../common/job-config';
import type { CheckpointAck, CheckpointDecline } from '../../proto/messages';

/** A submitted job: what the client sent and the scheduler running it. */
export interface JobRecord {
  readonly jobId: string;
  readonly graph: JobGraph;
  readonly artifact: JobArtifact;
  /** The graph's config_json, parsed and validated once at submission. */
  readonly config: JobConfig;
  readonly scheduler: Scheduler;
}

export interface DispatcherOptions {
  readonly slotPool: SlotPool;
  readonly taskExecutors: TaskExecutorGateway;
  readonly metrics: TaskMetricsStore;
  readonly restartStrategyFactory: RestartStrategyFactory;
  readonly slotRequestTimeoutMs: number;
  readonly cancelTimeoutMs: number;
  readonly log: Logger;
  /** Called when a job restarts (a new execution attempt begins). */
  readonly onRestart?: (jobId: string, attempt: number) => void;
  /** Checkpoint storage of jobs that do not choose their own (location URI). */
  readonly checkpointStorage?: string;
  /** Where jobs are kept so that a restarted JobManager resumes them. */
  readonly ha?: HaStore;
  /** Checkpoint settings of jobs that do not set their own. */
  readonly checkpointDefaults?: ClusterCheckpointDefaults;
  /** Keeps an ended job's views (jobmanager/history) before the job leaves the HA store. */
  readonly archiveJob?: (jobId: string) => Promise<void>;
  /** True for a job that ended and was archived (it is not resumed if it is still in the HA store). */
  readonly isArchived?: (jobId: string) => boolean;
}

/** How an admitted job starts: new, or resumed after a JobManager restart. */
interface Resumption {
  readonly jobId: string;
  readonly firstAttempt: number;
  readonly initialRestore?: InitialRestore;
  /** The latest completed checkpoint the HA store points to. */
  readonly recoveredCheckpoint?: CheckpointPointer;
  /** The job cannot start (its savepoint is unreadable): it fails with this cause. */
  readonly startFailure?: string;
}

/** A job that passed every check of admission, ready to be kept and started. */
interface AdmittedJob {
  readonly graph: JobGraph;
  readonly artifact: JobArtifact;
  /** The graph's config_json, parsed and validated. */
  readonly config: JobConfig;
  readonly restartStrategy: RestartStrategy;
  readonly checkpointSettings: CheckpointSettings;
}

/**
 * Accepts jobs and keeps them: checks what arrives over the wire (the graph is untrusted),
 * assigns job ids, starts a Scheduler per job and routes task reports and TaskManager
 * losses to the schedulers.
 */
export class Dispatcher {
  private readonly jobs = new Map<string, JobRecord>();
  /** Ended jobs still being archived and removed from the HA store (awaited on shutdown). */
  private readonly endings = new Set<Promise<void>>();

  constructor(private readonly opts: DispatcherOptions) {}

  /**
   * Validates and accepts a job, reading and mapping its savepoint first when it has one
   * (a bad savepoint fails the submission: nothing starts). Everything is checked before the
   * job is written to the HA store, so a refused job never stays there. Returns the job id.
   */
  async submitAsync(req: JobSubmission): Promise<string> {
    const admitted = this.admit(req);
    // A checkpoint storage that cannot be written (or never answers) would fail every
    // checkpoint of the job: refused now, with the reason, instead.
    if (admitted.checkpointSettings.intervalMs > 0) await probeWritableTarget(admitted.checkpointSettings.storage, 'The checkpoint storage');
    const restore = req.savepointPath ? await planSavepointRestore(req.graph, req.savepointPath, req.allowNonRestoredState, this.opts.log) : undefined;
    const jobId = newJobId();
    // Kept before it is acknowledged: a JobManager that dies now still resumes the job.
    await this.opts.ha?.putJob({
      jobId,
      graph: req.graph,
      artifact: req.artifact,
      submittedAt: Date.now(),
      savepointPath: req.savepointPath ?? '',
      allowNonRestoredState: req.allowNonRestoredState ?? false,
    });
    return this.start(admitted, { jobId, firstAttempt: 0, initialRestore: restore });
  }

  /**
   * Resumes the jobs of the HA store after a restart: each from its latest completed checkpoint
   * (else the savepoint it started from, else from scratch), with attempt numbers above every
   * earlier one. Each job on its own: one that cannot be read or admitted is logged and left in
   * the store, and the others still recover. A job whose checkpoint or savepoint cannot be
   * read fails with that cause (shown in /exceptions) rather than start with empty state.
   */
  async recoverJobs(): Promise<string[]> {
    const ha = this.opts.ha;
    if (!ha) return [];
    const recovered: string[] = [];
    for (const job of await ha.jobs()) {
      if (job.broken !== undefined) {
        this.opts.log.error(`Cannot recover job ${job.jobId} from the HA store: ${job.broken}; it stays in the store, the other jobs recover`);
        continue;
      }
      if (this.jobs.has(job.jobId)) continue;
      if (this.opts.isArchived?.(job.jobId)) {
        // It ended and was archived, then the JobManager stopped before removing it here.
        await ha.removeJob(job.jobId).catch((err) => this.opts.log.warn(`Could not remove archived job ${job.jobId} from the HA store: ${errorMessage(err)}`));
        continue;
      }
      try {
        recovered.push(await this.recoverJob(ha, job));
      } catch (err) {
        this.opts.log.error(`Cannot recover job ${job.jobId} from the HA store: ${errorMessage(err)}; it stays in the store, the other jobs recover`);
      }
    }
    return recovered;
  }

  private async recoverJob(ha: HaStore, job: StoredJob): Promise<string> {
    const req: JobSubmission = { graph: job.graph, artifact: job.artifact, savepointPath: '', allowNonRestoredState: false };
    const admitted = this.admit(req);
    const firstAttempt = (await ha.attempt(job.jobId)) + 1;
    const pointer = await ha.checkpoint(job.jobId);
    let initialRestore: InitialRestore | undefined;
    let startFailure: string | undefined;
    if (!pointer && job.savepointPath) {
      try {
        initialRestore = await planSavepointRestore(job.graph, job.savepointPath, job.allowNonRestoredState, this.opts.log);
      } catch (err) {
        startFailure = `Cannot read the savepoint ${job.savepointPath} job ${job.jobId} started from, so it cannot resume after the JobManager restart: ${errorMessage(err)}`;
      }
    }
    this.start(admitted, { jobId: job.jobId, firstAttempt, initialRestore, recoveredCheckpoint: pointer, startFailure });
    this.opts.log.info(`Recovered job '${job.graph.name}' (${job.jobId}) from the HA store`, { attempt: firstAttempt, checkpoint: pointer?.checkpointId ?? 'none' });
    return job.jobId;
  }

  /** Validates and accepts a job; scheduling proceeds in the background. Returns the job id. */
  submit(req: JobSubmission, initialRestore?: InitialRestore): string {
    if (req.savepointPath && !initialRestore) throw new InvalidArgumentError('A job restoring from a savepoint must be submitted with submitAsync');
    return this.start(this.admit(req), { jobId: newJobId(), firstAttempt: 0, initialRestore });
  }

  /**
   * Everything that can refuse a job, before anything is kept or started: the graph (untrusted,
   * from the wire), its hash, the artifact, the job configuration, its restart strategy and
   * checkpoint settings.
   */
  private admit(req: JobSubmission): AdmittedJob {
    const graph = req.graph;
    validateJobGraph(graph);
    // The hash is checked by TaskManagers against the graph they rebuild from the artifact
    // (they compute it from their own build, never from what crossed the wire).
    if (!/^[0-9a-f]{64}$/.test(graph.hash ?? '')) throw new InvalidGraphError('The job graph has no valid structural hash (build it with the sluice client)');
    const artifact = req.artifact;
    if (!artifact || !artifact.code || artifact.code.length === 0)
      throw new InvalidArgumentError('The job artifact is empty: submit the job with stream-submit, which bundles the job file and its imports', 'INVALID_JOB_FILE');
    const config = parseJobConfig(graph.configJson);
    const restartStrategy = this.opts.restartStrategyFactory(config);
    const settings = checkpointSettings(config.checkpoint, this.opts.checkpointStorage ?? 'file:///tmp/sluice-checkpoints', this.opts.checkpointDefaults);
    return { graph, artifact, config, restartStrategy, checkpointSettings: settings };
  }

  private start(job: AdmittedJob, how: Resumption): string {
    const { graph, artifact } = job;
    const jobId = how.jobId;
    const ha = this.opts.ha;
    const scheduler = new Scheduler({
      jobId,
      graph,
      firstAttempt: how.firstAttempt,
      beforeAttempt: ha ? (attempt) => ha.putAttempt(jobId, attempt) : undefined,
      onCheckpointCompleted: ha ? (c) => ha.putCheckpoint(jobId, { checkpointId: c.checkpointId, externalPath: c.externalPath, ...(c.isSavepoint ? { isSavepoint: true } : {}) }) : undefined,
      onTerminal: () => this.trackEnding(this.onJobEnded(jobId)),
      slotPool: this.opts.slotPool,
      taskExecutors: this.opts.taskExecutors,
      restartStrategy: job.restartStrategy,
      initialRestore: how.initialRestore,
      recoveredCheckpoint: how.recoveredCheckpoint,
      startFailure: how.startFailure,
      artifact,
      checkpointSettings: job.checkpointSettings,
      slotRequestTimeoutMs: this.opts.slotRequestTimeoutMs,
      cancelTimeoutMs: this.opts.cancelTimeoutMs,
      log: this.opts.log.child(`job-${jobId.slice(0, 8)}`),
      onNewAttempt: (attempt) => {
        this.opts.metrics.clearJob(jobId, attempt);
        this.opts.onRestart?.(jobId, attempt);
      },
    });
    this.jobs.set(jobId, { jobId, graph, artifact, config: job.config, scheduler });
    this.opts.log.info(`Job '${graph.name}' (${jobId}) submitted`, { vertices: graph.vertices.length, artifactBytes: artifact.code.length });
    scheduler.start();
    return jobId;
  }

  /**
   * An ended job is archived before it leaves the HA store: a JobManager that dies in between
   * resumes it rather than forgetting it.
   */
  private async onJobEnded(jobId: string): Promise<void> {
    try {
      await this.opts.archiveJob?.(jobId);
    } catch (err) {
      this.opts.log.warn(`Could not archive job ${jobId}; it will not be listed after a JobManager restart: ${errorMessage(err)}`);
    }
    await this.opts.ha?.removeJob(jobId).catch((err) => this.opts.log.warn(`Could not remove job ${jobId} from the HA store: ${errorMessage(err)}`));
  }

  /** Throws InvalidArgumentError for a malformed id, JobNotFoundError for an unknown one. */
  get(jobId: string): JobRecord {
    const id = normalizeJobId(jobId ?? '');
    if (!id) throw new InvalidArgumentError(`'${jobId ?? ''}' is not a job id: job ids are 32 hexadecimal characters. Use 'stream-submit list' to see the jobs this cluster knows.`);
    const job = this.jobs.get(id);
    if (!job) throw new JobNotFoundError(id);
    return job;
  }

  has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** All jobs, oldest first. */
  list(): JobRecord[] {
    return [...this.jobs.values()];
  }

  summaries(): JobSummary[] {
    return this.list().map((j) => jobSummary(j.scheduler));
  }

  status(jobId: string): JobStatus {
    return jobStatus(this.get(jobId).scheduler);
  }

  /** Starts cancelling the job; throws ILLEGAL_STATE if it already ended. */
  cancel(jobId: string): JobStatus {
    const job = this.get(jobId);
    job.scheduler.cancel();
    return jobStatus(job.scheduler);
  }

  deploymentInfo(jobId: string): JobDeploymentInfo {
    const job = this.get(jobId);
    return { graph: job.graph, artifact: job.artifact };
  }

  onTaskExecutionState(update: TaskExecutionState): void {
    if (!isExecutionState(update.state)) throw new InvalidArgumentError(`UpdateTaskExecutionState: unknown state '${update.state}'`);
    this.get(update.jobId).scheduler.onTaskExecutionState(update);
  }

  onReaderEvent(event: ReaderToEnumeratorEvent): void {
    this.jobs.get(present(event.task, 'task (ReaderToEnumeratorEvent.task)').jobId)?.scheduler.onReaderEvent(event);
  }

  onCheckpointAck(ack: CheckpointAck): void {
    this.jobs.get(ack.jobId)?.scheduler.checkpoints?.acknowledge(ack);
  }

  onCheckpointDecline(decline: CheckpointDecline): void {
    this.jobs.get(decline.jobId)?.scheduler.checkpoints?.decline(decline);
  }

  onTaskManagerLost(taskManagerId: string, reason: string): void {
    for (const job of this.jobs.values()) job.scheduler.onTaskManagerLost(taskManagerId, reason);
  }

  /** Best-effort cancellation of every running task (JobManager shutdown). */
  async shutdown(timeoutMs: number): Promise<void> {
    await Promise.allSettled([...this.jobs.values()].map((j) => j.scheduler.shutdown(timeoutMs)));
    // An ended job's archive and HA clean-up finish before the store goes away with us.
    await Promise.allSettled([...this.endings]);
  }

  private trackEnding(ending: Promise<void>): void {
    this.endings.add(ending);
    void ending.finally(() => this.endings.delete(ending));
  }
}
