import type { VertexStateMetadata } from './checkpoint-metadata';
import { readMetadata, readTaskState } from './state-files';
import { decodeTaskState } from './task-state-snapshot';
import { normalizeLocation } from './storage-backend';
import { SluiceError, errorMessage } from '../errors';
import { encodeValue } from '../record-codec';

/** A savepoint (or retained checkpoint) the user cannot restore from. */
export class SavepointInvalidError extends SluiceError {
  constructor(message: string) {
    super('SAVEPOINT_INVALID', message, { domain: 'user' });
  }
}

/** Per operator uid: whether it holds state, and whether that state is keyed. */
export interface OperatorStateSummary {
  uid: string;
  vertex: VertexStateMetadata;
  keyed: boolean;
  /** Entries (keys) per keyed state name. */
  keyedStates: Record<string, number>;
  /** Entries per list state name. */
  listEntries: Record<string, number>;
  /** The operator's kind when the savepoint was taken ('keyed.reduce', ...), where recorded. */
  operatorKind?: string;
  /** Kind of each keyed state by name ('value', 'map', ...), where the savepoint records it. */
  stateKinds: Record<string, string>;
  bytes: number;
}

/**
 * Reads a savepoint completely: its metadata, every state blob (checksums verified) and what
 * each operator holds. Any problem is one SavepointInvalidError saying what is wrong.
 */
export interface SavepointContents {
  externalPath: string;
  checkpointId: number;
  timestamp: number;
  isSavepoint: boolean;
  vertices: VertexStateMetadata[];
  operators: Map<string, OperatorStateSummary>;
  totalBytes: number;
  /** The split enumerators' states, by source uid. */
  sourceEnumerators: Record<string, string> | undefined;
}

export async function readSavepoint(path: string): Promise<SavepointContents> {
  let location: string;
  try {
    location = normalizeLocation(path);
  } catch {
    throw new SavepointInvalidError(`'${path}' is not a savepoint path: give the absolute path of a savepoint directory (or its _metadata), or a redis:// location`);
  }
  let read;
  try {
    read = await readMetadata(location);
  } catch (err) {
    throw new SavepointInvalidError(`Cannot use savepoint ${path}: ${errorMessage(err)}`);
  }
  const operators = new Map<string, OperatorStateSummary>();
  for (const vertex of read.metadata.vertices) {
    for (const handle of vertex.handles) {
      let snapshot;
      try {
        snapshot = decodeTaskState(await readTaskState(read.directory, handle), handle.location);
      } catch (err) {
        throw new SavepointInvalidError(`Savepoint ${path} is corrupt: ${errorMessage(err)}`);
      }
      for (const [uid, op] of Object.entries(snapshot.operators)) {
        let s = operators.get(uid);
        if (!s) operators.set(uid, (s = { uid, vertex, operatorKind: vertex.operatorKinds?.[vertex.operatorUids.indexOf(uid)], keyed: false, keyedStates: {}, listEntries: {}, stateKinds: {}, bytes: 0 }));
        s.bytes += encodeValue(op).byteLength;
        Object.assign(s.stateKinds, op.keyed?.kinds);
        for (const [, states] of op.keyed?.keyGroups ?? []) {
          s.keyed = true;
          for (const [name, entries] of Object.entries(states)) s.keyedStates[name] = (s.keyedStates[name] ?? 0) + entries.length;
        }
        for (const [name, values] of Object.entries(op.list ?? {})) s.listEntries[name] = (s.listEntries[name] ?? 0) + values.length;
      }
    }
  }
  const totalBytes = read.metadata.vertices.reduce((n, v) => n + v.handles.reduce((m, h) => m + h.size, 0), 0);
  return { externalPath: read.externalPath, checkpointId: read.metadata.checkpointId, timestamp: read.metadata.timestamp, isSavepoint: read.metadata.isSavepoint, vertices: read.metadata.vertices, operators, totalBytes, sourceEnumerators: read.metadata.sourceEnumerators };
}

