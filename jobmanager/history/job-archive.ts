import { errorMessage } from '../../common/errors';
import type { Logger } from '../../common/logger';
import type { JobStatus, JobSummary, SubtaskStatus, VertexStatus } from '../../proto/messages';
import type { HaStore } from '../ha/ha-store';

/**
 * An ended job as its REST routes answered when it ended, as Flink's history server keeps a
 * job: JSON documents by path, so the archived views are exactly the live ones.
 */
export interface ArchivedJob {
  readonly jobId: string;
  readonly name: string;
  readonly state: string;
  readonly startTime: number;
  readonly endTime: number;
  /** By REST path without prefix or query (`/jobs/<jid>`, `/jobs/<jid>/checkpoints`, ...). */
  readonly documents: Readonly<Record<string, unknown>>;
  /** The job's line in GET /jobs/overview. */
  readonly overview: unknown;
  /** Why it failed, in one line (JobSummary.failureCause); absent in archives of older versions. */
  readonly failureCause?: string;
}

/**
 * Ended jobs kept in the HA store (file or Redis, beside the running jobs) so that a restarted
 * JobManager still lists them, with the newest `capacity` kept. Reads are from memory: the
 * store is read once at start-up.
 */
export class JobArchive {
  private readonly jobs = new Map<string, ArchivedJob>();

  constructor(
    private readonly ha: HaStore,
    readonly capacity: number,
    private readonly log: Logger,
  ) {}

  /** Reads what earlier JobManagers archived; an unreadable entry is logged and skipped. */
  async load(): Promise<void> {
    let raw: Uint8Array[];
    try {
      raw = await this.ha.archivedJobs();
    } catch (err) {
      this.log.warn(`Could not read the archive of ended jobs in ${this.ha.root}: ${errorMessage(err)}`);
      return;
    }
    for (const bytes of raw) {
      try {
        const job = JSON.parse(Buffer.from(bytes).toString('utf8')) as ArchivedJob;
        if (typeof job.jobId === 'string' && job.documents && typeof job.documents === 'object') this.jobs.set(job.jobId, job);
      } catch (err) {
        this.log.warn(`Skipping an unreadable archived job in ${this.ha.root}: ${errorMessage(err)}`);
      }
    }
    await this.evict();
    if (this.jobs.size > 0) this.log.info(`Read ${this.jobs.size} archived job(s) from ${this.ha.root}`);
  }

  /** Keeps the job (replacing an earlier archive of it), then drops the oldest beyond capacity. */
  async add(job: ArchivedJob): Promise<void> {
    if (this.capacity === 0) return;
    await this.ha.putArchivedJob(job.jobId, Buffer.from(JSON.stringify(job)));
    this.jobs.set(job.jobId, job);
    await this.evict();
  }

  get(jobId: string): ArchivedJob | undefined {
    return this.jobs.get(jobId);
  }

  /** Oldest first, as the dispatcher lists jobs. */
  list(): ArchivedJob[] {
    return [...this.jobs.values()].sort((a, b) => a.startTime - b.startTime);
  }

  /** The archived jobs the dispatcher does not run, as `ListJobs` lists jobs. */
  summaries(running: (jobId: string) => boolean): JobSummary[] {
    return this.list()
      .filter((j) => !running(j.jobId))
      .map(summaryOf);
  }

  /**
   * An archived job as `GetJobStatus` answers for a live one (`stream-submit status`): its
   * vertices and subtasks from the archived REST views. Undefined when it is not archived.
   */
  status(jobId: string): JobStatus | undefined {
    const job = this.jobs.get(jobId);
    if (!job) return undefined;
    const detail = job.documents[`/jobs/${jobId}`] as { vertices?: Array<{ id: string; name: string; parallelism: number; status: string }> } | undefined;
    const vertices: VertexStatus[] = (detail?.vertices ?? []).map((v) => {
      const vertex = job.documents[`/jobs/${jobId}/vertices/${v.id}`] as { subtasks?: Array<{ subtask: number; status: string; attempt: number; 'taskmanager-id': string | null }> } | undefined;
      const subtasks: SubtaskStatus[] = (vertex?.subtasks ?? []).map((t) => ({ index: t.subtask, state: t.status as SubtaskStatus['state'], taskManagerId: t['taskmanager-id'] ?? '', attempt: t.attempt }));
      return { id: v.id, name: v.name, parallelism: v.parallelism, state: v.status as VertexStatus['state'], subtasks };
    });
    return { job: summaryOf(job), vertices };
  }

  private async evict(): Promise<void> {
    const byEnd = [...this.jobs.values()].sort((a, b) => a.endTime - b.endTime);
    for (const old of byEnd.slice(0, Math.max(0, byEnd.length - this.capacity))) {
      this.jobs.delete(old.jobId);
      await this.ha.removeArchivedJob(old.jobId).catch((err) => this.log.warn(`Could not remove archived job ${old.jobId}: ${errorMessage(err)}`));
    }
  }
}

function summaryOf(j: ArchivedJob): JobSummary {
  const exceptions = j.documents[`/jobs/${j.jobId}/exceptions`] as { 'root-exception'?: string | null } | undefined;
  const root = (j.state === 'FAILED' && exceptions?.['root-exception']) || '';
  return { jobId: j.jobId, name: j.name, state: j.state as JobSummary['state'], startTime: j.startTime, endTime: j.endTime, failureCause: j.failureCause ?? root, failureStack: root };
}
