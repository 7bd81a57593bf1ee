import type { StateHandle } from '../../proto/messages';
import { CorruptStateError } from './storage-errors';

/** What a completed checkpoint or savepoint holds, per vertex. Written last, atomically. */
export interface CheckpointMetadata {
  format: 'sluice-checkpoint';
  version: 1;
  jobId: string;
  checkpointId: number;
  timestamp: number;
  isSavepoint: boolean;
  vertices: VertexStateMetadata[];
  /**
   * The split enumerators' states (Source API sources, run by the JobManager), by the source
   * operator's uid: msgpack, base64. Absent when the job has no such source.
   */
  sourceEnumerators?: Record<string, string>;
}

export interface VertexStateMetadata {
  vertexId: string;
  name: string;
  parallelism: number;
  maxParallelism: number;
  /** uids of the vertex's operators (head first) whose state the handles hold. */
  operatorUids: string[];
  /**
   * Kinds of those operators ('keyed.reduce', 'window', ...), in the same order, so that a
   * restore check can tell a uid that now names another kind of operator. Absent in metadata
   * written before it was recorded.
   */
  operatorKinds?: string[];
  /** One per subtask; locations are relative (`./name`) to the metadata's directory. */
  handles: StateHandle[];
}

export function encodeMetadata(m: CheckpointMetadata): Uint8Array {
  return Buffer.from(JSON.stringify(m, null, 1), 'utf8');
}

export function decodeMetadata(bytes: Uint8Array, where: string): CheckpointMetadata {
  let m: CheckpointMetadata;
  try {
    m = JSON.parse(Buffer.from(bytes).toString('utf8')) as CheckpointMetadata;
  } catch {
    throw new CorruptStateError(`${where} is not checkpoint metadata (not JSON)`);
  }
  if (m?.format !== 'sluice-checkpoint') throw new CorruptStateError(`${where} is not Sluice checkpoint metadata`);
  if (m.version !== 1) throw new CorruptStateError(`${where} has unsupported metadata version ${m.version}`);
  if (!Array.isArray(m.vertices) || typeof m.checkpointId !== 'number') throw new CorruptStateError(`${where} has malformed metadata`);
  for (const v of m.vertices) {
    if (!Array.isArray(v.handles) || v.handles.length !== v.parallelism) throw new CorruptStateError(`${where}: vertex ${v.vertexId} lists ${v.handles?.length} state handles for parallelism ${v.parallelism}`);
  }
  return m;
}
