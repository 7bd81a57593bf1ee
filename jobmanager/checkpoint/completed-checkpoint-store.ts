import type { CompletedCheckpoint } from './completed-checkpoint';
import type { CheckpointMetadata } from '../../common/checkpoint/checkpoint-metadata';
import type { Logger } from '../../common/logger';
import { discardLocation, readMetadata, resolveHandle, verifyCheckpoint } from '../../common/checkpoint/state-files';
import { storageFor } from '../../common/checkpoint/storage-registry';
import { CorruptStateError } from '../../common/checkpoint/storage-errors';
import { SluiceError, errorMessage } from '../../common/errors';

/**
 * No retained checkpoint of a job that has completed one can be restored. Never answered by
 * starting with empty state (that replays every source from the beginning into sinks that
 * already committed): `retryable` when storage could not be reached (a restart may find it
 * back), not when the checkpoints are corrupt (the job fails with this as its cause).
 */
export class NoRestorableCheckpointError extends SluiceError {
  constructor(message: string, retryable: boolean) {
    super('CHECKPOINT_FAILURE', message, { domain: 'external', retryable });
  }
}

/** A retained checkpoint that read back intact, with its metadata as read. */
export interface RestorableCheckpoint {
  readonly checkpoint: CompletedCheckpoint;
  readonly metadata: CheckpointMetadata;
  readonly externalPath: string;
}

/**
 * The retained completed checkpoints of a job, newest last. A checkpoint beyond the retained
 * number is discarded only once the newest one has been read back from storage (its metadata
 * and the presence of every state blob), so a bad write never leaves the job with nothing to
 * restore. The only savepoint held here is a stop-with-savepoint's (the job's last restore
 * point): retention drops it from the list but never deletes it, since the user owns it.
 */
export class CompletedCheckpointStore {
  private readonly checkpoints: CompletedCheckpoint[] = [];
  private retiring: Promise<void> = Promise.resolve();

  constructor(
    private readonly retained: number,
    private readonly log: Logger,
  ) {}

  add(checkpoint: CompletedCheckpoint): void {
    this.checkpoints.push(checkpoint);
    if (this.checkpoints.length <= this.retained) return;
    this.retiring = this.retiring.then(() => this.retireOld(checkpoint));
  }

  latest(): CompletedCheckpoint | undefined {
    return this.checkpoints[this.checkpoints.length - 1];
  }

  all(): readonly CompletedCheckpoint[] {
    return this.checkpoints;
  }

  /** Settles when discarding checkpoints beyond retention has run (tests). */
  whenRetired(): Promise<void> {
    return this.retiring;
  }

  /**
   * The newest checkpoint whose metadata and every state blob read back intact. A corrupt or
   * unreadable one is skipped (and logged) for the previous one. Undefined when the store is
   * empty (nothing completed: the job starts from its initial state); when it holds checkpoints
   * and none is usable, a NoRestorableCheckpointError.
   */
  async latestRestorable(): Promise<RestorableCheckpoint | undefined> {
    const problems: string[] = [];
    let storageUnreachable = false;
    for (let i = this.checkpoints.length - 1; i >= 0; i--) {
      const c = this.checkpoints[i];
      try {
        const { metadata, directory, externalPath } = await readMetadata(c.externalPath);
        await verifyCheckpoint(directory, metadata);
        return { checkpoint: c, metadata, externalPath };
      } catch (err) {
        if (!(err instanceof CorruptStateError)) storageUnreachable = true;
        problems.push(`checkpoint ${c.checkpointId}: ${errorMessage(err)}`);
        const previous = i > 0 ? `falling back to checkpoint ${this.checkpoints[i - 1].checkpointId}` : 'no older checkpoint is retained';
        this.log.warn(`Checkpoint ${c.checkpointId} cannot be restored (${errorMessage(err)}); ${previous}`);
      }
    }
    if (this.checkpoints.length === 0) return undefined;
    throw new NoRestorableCheckpointError(
      `No retained checkpoint can be restored, and starting with empty state would replay the sources into sinks that already committed (${problems.join('; ')}). ` +
        (storageUnreachable
          ? 'The checkpoint storage could not be read: the job restarts per its restart strategy and tries again.'
          : 'Restore the job from a savepoint or an older retained checkpoint (stream-submit -s PATH), or raise the retained checkpoints (setNumRetainedCheckpoints) so that one corrupt checkpoint leaves an older one.'),
      storageUnreachable,
    );
  }

  /**
   * Discards checkpoints beyond retention once `newest` reads back; if it does not, they stay
   * (the next completed checkpoint tries again), since they may be all the job can restore.
   */
  private async retireOld(newest: CompletedCheckpoint): Promise<void> {
    try {
      const { metadata, directory } = await readMetadata(newest.externalPath);
      for (const v of metadata.vertices)
        for (const h of v.handles) {
          const location = resolveHandle(directory, h.location);
          if (!(await storageFor(location).exists(location))) throw new CorruptStateError(`state ${h.location} is missing`);
        }
    } catch (err) {
      this.log.warn(`Checkpoint ${newest.checkpointId} does not read back (${errorMessage(err)}); keeping the older checkpoints to restore from`);
      return;
    }
    while (this.checkpoints.length > this.retained) {
      const old = this.checkpoints.shift()!;
      if (old.isSavepoint) continue;
      await discardLocation(old.location).catch((err) => this.log.warn(`Could not discard checkpoint ${old.checkpointId} at ${old.location}: ${errorMessage(err)}`));
    }
  }
}
