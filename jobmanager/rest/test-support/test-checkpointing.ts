import type { CheckpointDetails } from '../../checkpoint/checkpoint-details';
import { type CheckpointStats, emptyCheckpointStats } from '../../checkpoint/checkpoint-stats';
import type { CheckpointingGateway, SavepointRequest } from '../../checkpoint/checkpointing-gateway';
import type { Dispatcher } from '../../dispatcher/dispatcher';

export interface RequestedSavepoint {
  readonly jobId: string;
  readonly request: SavepointRequest;
  resolve(location: string): void;
  reject(err: Error): void;
}

/**
 * A CheckpointingGateway for route tests (the interface boundary to the checkpoint
 * coordinator): it records savepoint requests and lets the test complete or fail each one,
 * and serves whatever statistics the test sets. Unknown jobs fail as the real one does.
 */
export class TestCheckpointing implements CheckpointingGateway {
  readonly requested: RequestedSavepoint[] = [];
  readonly stats = new Map<string, CheckpointStats>();
  /** By `jobId/checkpointId`. */
  readonly details = new Map<string, CheckpointDetails>();
  /** Set to make triggerSavepoint throw synchronously. */
  throwOnTrigger: Error | undefined;

  constructor(private readonly dispatcher: Dispatcher) {}

  checkpointStats(jobId: string): CheckpointStats {
    this.dispatcher.get(jobId);
    return this.stats.get(jobId) ?? emptyCheckpointStats();
  }

  checkpointDetails(jobId: string, checkpointId: number): CheckpointDetails | undefined {
    this.dispatcher.get(jobId);
    return this.details.get(`${jobId}/${checkpointId}`);
  }

  triggerSavepoint(jobId: string, request: SavepointRequest): Promise<string> {
    this.dispatcher.get(jobId);
    if (this.throwOnTrigger) throw this.throwOnTrigger;
    return new Promise((resolve, reject) => this.requested.push({ jobId, request, resolve, reject }));
  }
}
