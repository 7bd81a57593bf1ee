import type { CompletedCheckpoint } from './completed-checkpoint';
import type { Logger } from '../../common/logger';
import { discardLocation, readMetadata, verifyCheckpoint } from '../../common/checkpoint/state-files';
import { errorMessage } from '../../common/errors';

/**
 * The retained completed checkpoints of a job, newest last. Adding one beyond the retained
 * number discards the oldest from storage (savepoints are never held here, so retention
 * never deletes them).
 */
export class CompletedCheckpointStore {
  private readonly checkpoints: CompletedCheckpoint[] = [];

  constructor(
    private readonly retained: number,
    private readonly log: Logger,
  ) {}

  add(checkpoint: CompletedCheckpoint): void {
    this.checkpoints.push(checkpoint);
    while (this.checkpoints.length > this.retained) {
      const old = this.checkpoints.shift()!;
      discardLocation(old.location).catch((err) => this.log.warn(`Could not discard checkpoint ${old.checkpointId} at ${old.location}: ${errorMessage(err)}`));
    }
  }

  latest(): CompletedCheckpoint | undefined {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  all(): readonly CompletedCheckpoint[] {
    return this.checkpoints;
  }

  /**
   * The newest checkpoint whose metadata and every state blob read back intact. A corrupt or
   * unreadable one is skipped (and logged): the previous one is used instead.
   */
  async latestRestorable(): Promise<CompletedCheckpoint | undefined> {
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const c = this.checkpoints[i];
      try {
        const { metadata, directory } = await readMetadata(c.externalPath);
        await verifyCheckpoint(directory, metadata);
        return c;
      } catch (err) {
        const previous = i > 0 ? `falling back to checkpoint ${this.checkpoints[i - 1].checkpointId}` : 'no older checkpoint is retained';
        this.log.warn(`Checkpoint ${c.checkpointId} cannot be restored (${errorMessage(err)}); ${previous}`);
      }
    }
    return undefined;
  }
}
