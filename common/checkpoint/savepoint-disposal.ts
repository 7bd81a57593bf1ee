import { discardLocation, readMetadata } from './state-files';
import { normalizeLocation } from './storage-backend';
import { SavepointInvalidError } from './savepoint-reader';
import { errorMessage } from '../errors';

/**
 * Deletes a savepoint (Flink's `savepoint --dispose`): its directory, with its metadata and
 * state files, on a file system or in Redis. Anything that is not a savepoint is refused and
 * left untouched, a retained checkpoint included (those belong to their job's retention).
 * Returns the location deleted.
 */
export async function disposeSavepoint(path: string): Promise<string> {
  try {
    normalizeLocation(path);
  } catch {
    throw new SavepointInvalidError(`'${path}' is not a savepoint path: give the absolute path of a savepoint directory (or its _metadata), or a redis:// location`);
  }
  let read;
  try {
    read = await readMetadata(path);
  } catch (err) {
    throw new SavepointInvalidError(`Refusing to dispose of ${path}: ${errorMessage(err)}`);
  }
  if (!read.metadata.isSavepoint)
    throw new SavepointInvalidError(`Refusing to dispose of ${path}: it is checkpoint ${read.metadata.checkpointId} of job ${read.metadata.jobId}, not a savepoint (checkpoints are removed by their job's retention)`);
  await discardLocation(read.directory);
  return read.directory;
}
