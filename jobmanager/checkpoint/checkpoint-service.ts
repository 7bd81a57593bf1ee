import { randomBytes } from 'node:crypto';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { Scheduler } from '../scheduler/scheduler';
import type { CheckpointDetails } from './checkpoint-details';
import { type CheckpointStats, emptyCheckpointStats } from './checkpoint-stats';
import type { CheckpointingGateway, SavepointRequest } from './checkpointing-gateway';
import { savepointLocation } from '../../common/checkpoint/state-files';
import { normalizeLocation } from '../../common/checkpoint/storage-backend';
import { probeWritableTarget } from '../../common/checkpoint/storage-probe';
import { type JobState, isTerminalJobState } from '../scheduler/job-state-machine';
import { SluiceError } from '../../common/errors';
import { Logger } from '../../common/logger';

/**
 * The JobManager's checkpointing front: statistics and savepoints of every job, answered by
 * the job's checkpoint coordinator.
 */
export class CheckpointService implements CheckpointingGateway {
  constructor(
    private readonly dispatcher: Dispatcher,
    /** The cluster's default savepoint directory (location URI). */
    private readonly defaultSavepointDir: string,
    private readonly log: Logger = new Logger('jobmanager/checkpoints'),
    /** How long a stop-with-savepoint waits, after the savepoint, for the job to finish. */
    private readonly stopFinishTimeoutMs = STOP_FINISH_TIMEOUT_MS,
  ) {}

  checkpointStats(jobId: string): CheckpointStats {
    const coordinator = this.dispatcher.get(jobId).scheduler.checkpoints; // JOB_NOT_FOUND for unknown jobs
    return coordinator ? coordinator.checkpointStats() : emptyCheckpointStats();
  }

  checkpointDetails(jobId: string, checkpointId: number): CheckpointDetails | undefined {
    return this.dispatcher.get(jobId).scheduler.checkpoints?.checkpointDetails(checkpointId);
  }

  /** Takes a savepoint; with stop, the job ends FINISHED after it (sinks committed up to it). */
  async triggerSavepoint(jobId: string, request: SavepointRequest): Promise<string> {
    const scheduler = this.dispatcher.get(jobId).scheduler;
    const coordinator = scheduler.checkpoints;
    if (scheduler.state !== 'RUNNING' || !coordinator)
      throw new SluiceError('ILLEGAL_STATE', `Job ${jobId} is ${scheduler.state}: a savepoint can only be taken of a RUNNING job`, { domain: 'user' });
    const dir = normalizeLocation(request.targetDirectory || this.defaultSavepointDir);
    // Before any task snapshots: a target that is not writable or never answers is refused now,
    // instead of holding a pending savepoint until the checkpoint timeout.
    await probeWritableTarget(dir, 'The savepoint directory');
    const location = savepointLocation(dir, jobId, randomBytes(3).toString('hex'));
    const completed = await coordinator.trigger({ isSavepoint: true, location, force: true, stop: request.stop, drain: request.drain });
    if (request.stop) {
      const ended = await whenStopped(scheduler, this.stopFinishTimeoutMs);
      if (ended !== 'FINISHED') {
        // Flink's StopWithSavepointStoppingException. The savepoint is consistent and it is the
        // job's restore point, so the failover (a task's, or ours for a job whose tasks hold
        // still without checkpoints) resumes from it and nothing is replayed into the sinks.
        const what = ended === 'timeout' ? `did not finish within ${this.stopFinishTimeoutMs / 1000} s: it is failed over, and a restart recovers from that savepoint` : `went ${ended} instead of finishing: ${ended === 'RESTARTING' ? 'it recovers from that savepoint and keeps running' : 'it did not stop cleanly'}`;
        const message = `Savepoint ${displayPath(completed.location)} was created, but job ${jobId} ${what}. The savepoint is consistent; start from it with -s (cancel the job first if it is still running).`;
        this.log.warn(message);
        if (ended === 'timeout') scheduler.failover('StopWithSavepointTimeout', message);
        throw new SluiceError(ended === 'timeout' ? 'TIMEOUT' : 'ILLEGAL_STATE', message, { domain: 'external' });
      }
    } else if (request.cancelJob && !isTerminalJobState(scheduler.state)) scheduler.cancel();
    return displayPath(completed.location);
  }
}

/** A file location as the plain path users pass back with -s; other schemes as URIs. */
export function displayPath(location: string): string {
  return location.startsWith('file://') ? location.slice('file://'.length) : location;
}

/** How long a stop-with-savepoint's caller waits, after the savepoint, for the job to end. */
const STOP_FINISH_TIMEOUT_MS = 60_000;

/**
 * How a stopping job left RUNNING: FINISHED as it should, or the state a failure or a cancel
 * took it to (RESTARTING, FAILING, CANCELLING, ...); 'timeout' when it was still RUNNING.
 */
function whenStopped(scheduler: Scheduler, timeoutMs: number): Promise<JobState | 'timeout'> {
  if (scheduler.state !== 'RUNNING') return Promise.resolve(scheduler.state);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    timer.unref();
    scheduler.machine.onTransition((from, to) => {
      if (from !== 'RUNNING') return;
      clearTimeout(timer);
      resolve(to);
    });
  });
}
