import { SluiceError } from '../errors';

/** Checkpoint storage could not be read or written (disk, Redis down, ...): a retry may help. */
export class StorageError extends SluiceError {
  constructor(message: string, cause?: unknown) {
    super('STORAGE_FAILURE', message, { domain: 'external', retryable: true, cause });
  }
}

/** Stored state exists but is not what was written (truncated, altered, wrong format). */
export class CorruptStateError extends SluiceError {
  constructor(message: string) {
    super('CHECKPOINT_FAILURE', message, { domain: 'external' });
  }
}
