import { createHash } from 'node:crypto';
import type { StateHandle } from '../../proto/messages';
import { storageFor } from './storage-registry';
import { byteLength, childLocation, normalizeLocation, parentLocation } from './storage-backend';
import { type CheckpointMetadata, decodeMetadata, encodeMetadata } from './checkpoint-metadata';
import { CorruptStateError } from './storage-errors';

/**
 * The layout of checkpoints and savepoints, the same on every storage:
 *   <root>/<jobId>/chk-<n>/<vertexId>-<subtask>.state   subtask state (msgpack, sha256 in metadata)
 *   <root>/<jobId>/chk-<n>/_metadata                    written last and atomically
 *   <dir>/savepoint-<jobId6>-<hex>/...                    the same, self-contained
 * Handle locations in metadata are relative, so a savepoint can be moved or copied.
 */
export const METADATA_NAME = '_metadata';

export function checkpointLocation(root: string, jobId: string, checkpointId: number): string {
  return childLocation(childLocation(normalizeLocation(root), jobId), `chk-${checkpointId}`);
}

export function savepointLocation(targetDir: string, jobId: string, suffix: string): string {
  return childLocation(normalizeLocation(targetDir), `savepoint-${jobId.slice(0, 6)}-${suffix}`);
}

/** Writes a subtask's state: its bytes whole, or in chunks (in order) as a snapshot wrote them. */
export async function writeTaskState(location: string, vertexId: string, subtask: number, data: Uint8Array | readonly Uint8Array[]): Promise<StateHandle> {
  const name = `${vertexId}-${subtask}.state`;
  await storageFor(location).put(childLocation(location, name), data);
  return { subtask, location: `./${name}`, size: byteLength(data), sha256: sha256(data) };
}

/** Reads a subtask's state, refusing it when it is not what the checkpoint recorded. */
export async function readTaskState(checkpointDir: string, handle: StateHandle): Promise<Uint8Array> {
  const location = resolveHandle(checkpointDir, handle.location);
  const data = await storageFor(location).get(location);
  if (data.byteLength !== handle.size || sha256(data) !== handle.sha256)
    throw new CorruptStateError(`State ${location} is corrupt: expected ${handle.size} bytes with sha256 ${handle.sha256.slice(0, 12)}..., found ${data.byteLength} bytes with sha256 ${sha256(data).slice(0, 12)}...`);
  return data;
}

/** Writes the metadata last and atomically; returns its location (the external path). */
export async function writeMetadata(location: string, metadata: CheckpointMetadata): Promise<string> {
  const target = childLocation(location, METADATA_NAME);
  await storageFor(target).putAtomic(target, encodeMetadata(metadata));
  return target;
}

/** Accepts a checkpoint/savepoint directory or its _metadata location. */
export async function readMetadata(pathOrLocation: string): Promise<{ metadata: CheckpointMetadata; externalPath: string; directory: string }> {
  let location = normalizeLocation(pathOrLocation);
  if (!location.endsWith('/' + METADATA_NAME)) location = childLocation(location, METADATA_NAME);
  const backend = storageFor(location);
  if (!(await backend.exists(location))) throw new CorruptStateError(`No checkpoint or savepoint at ${pathOrLocation} (${location} does not exist)`);
  const metadata = decodeMetadata(await backend.get(location), location);
  return { metadata, externalPath: location, directory: parentLocation(location) };
}

/** Reads every state blob of a checkpoint and checks its size and checksum. */
export async function verifyCheckpoint(directory: string, metadata: CheckpointMetadata): Promise<void> {
  for (const v of metadata.vertices) for (const h of v.handles) await readTaskState(directory, h);
}

export async function discardLocation(location: string): Promise<void> {
  await storageFor(location).deleteTree(location);
}

/** Completed checkpoint ids of a job under a storage root (those whose metadata exists). */
export async function listCompletedCheckpoints(root: string, jobId: string): Promise<number[]> {
  const jobDir = childLocation(normalizeLocation(root), jobId);
  const backend = storageFor(jobDir);
  const ids: number[] = [];
  for (const name of await backend.list(jobDir)) {
    const m = /^chk-(\d+)$/.exec(name);
    if (m && (await backend.exists(childLocation(childLocation(jobDir, name), METADATA_NAME)))) ids.push(Number(m[1]));
  }
  return ids.sort((a, b) => a - b);
}

/**
 * A handle names a file directly inside its checkpoint's directory (`./<vertex>-<n>.state`),
 * which is what keeps savepoints relocatable. Anything else (`./../../etc/hostname`, an
 * absolute path, another storage's URI) would read outside the savepoint: refused.
 */
export function resolveHandle(directory: string, location: string): string {
  const name = location.startsWith('./') ? location.slice(2) : '';
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name === '.' || name === '..')
    throw new CorruptStateError(`State handle '${location}' in ${directory} does not name a file inside the checkpoint or savepoint directory: state handles are './<file>' (the metadata is corrupt or was altered)`);
  return childLocation(directory, name);
}

function sha256(data: Uint8Array | readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  if (data instanceof Uint8Array) hash.update(data);
  else for (const chunk of data) hash.update(chunk);
  return hash.digest('hex');
}
