import { randomBytes } from 'node:crypto';
import { InvalidArgumentError, errorMessage } from '../errors';
import { childLocation, normalizeLocation } from './storage-backend';
import { storageFor } from './storage-registry';

/** A target that cannot take a small file in this time will not take a savepoint either. */
export const PROBE_TIMEOUT_MS = 10_000;

/**
 * Checks up front that a savepoint (or checkpoint) target takes writes: writes and removes a
 * small probe file under it, bounded in time. A target that is not writable, does not exist
 * as a directory tree we can make, or never answers (procfs, a hung mount) is the user's to
 * fix, reported before any task is asked to snapshot.
 */
export async function probeWritableTarget(target: string, what: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<void> {
  const dir = normalizeLocation(target);
  const probe = childLocation(dir, `.sluice-probe-${randomBytes(4).toString('hex')}`);
  const backend = storageFor(probe);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([
      (async () => {
        await backend.put(probe, new Uint8Array([1]));
        await backend.deleteTree(probe);
      })(),
      timeout,
    ]);
  } catch (err) {
    throw new InvalidArgumentError(`${what} ${target} cannot be written: ${errorMessage(err)}. Choose a directory this cluster's JobManager and TaskManagers can write (or a redis:// location)`);
  } finally {
    clearTimeout(timer);
  }
}
