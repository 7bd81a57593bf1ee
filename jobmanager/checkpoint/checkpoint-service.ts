import type { Dispatcher } from '../dispatcher/dispatcher';
import { type CheckpointStats, emptyCheckpointStats } from './checkpoint-stats';
import type { CheckpointingGateway, SavepointRequest } from './checkpointing-gateway';
import { SluiceError } from '../../common/errors';

/**
 * The JobManager's checkpointing front: statistics and savepoints of every job, answered by
 * the job's checkpoint coordinator.
 */
export class CheckpointService implements CheckpointingGateway {
  constructor(private readonly dispatcher: Dispatcher) {}

  checkpointStats(jobId: string): CheckpointStats {
    const coordinator = this.dispatcher.get(jobId).scheduler.checkpoints; // JOB_NOT_FOUND for unknown jobs
    return coordinator ? coordinator.checkpointStats() : emptyCheckpointStats();
  }

  async triggerSavepoint(jobId: string, _request: SavepointRequest): Promise<string> {
    this.dispatcher.get(jobId);
    throw new SluiceError('ILLEGAL_STATE', `Savepoints are not supported by this JobManager yet (job ${jobId})`, { domain: 'user' });
  }
}
