import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { OperatorListState, StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { writeTaskStateParts, type TaskStateParts } from '../../../common/checkpoint/task-state-snapshot';
import { MsgpackWriter } from '../../../common/checkpoint/msgpack-writer';

/** A subtask's encoded state; `buffer` holds `bytes` and may be reused once they are written. */
export interface EncodedTaskState {
  bytes: Uint8Array;
  buffer: Buffer | undefined;
}

/**
 * The synchronous part of a subtask's checkpoint (a sink's asynchronous pre-commit aside): the
 * source reader's position (as list state `splits` of the head operator) and each operator's
 * list state are taken now; each keyed backend, the bulk of the state, begins a snapshot that
 * is written while processing goes on (copy-on-write by key group: KeyedSnapshotInProgress),
 * straight from its tables into msgpack. When all are written they go into one encoded
 * TaskStateSnapshot, in `reuse` (the buffer of an earlier checkpoint whose write is done) when
 * it is large enough: a checkpoint neither builds a plain-data copy of the state nor allocates
 * a buffer of the state's size each time (which made V8 run a full GC of the slot's heap).
 */
export function snapshotTaskState(
  d: TaskDeploymentDescriptor,
  vertex: JobVertex,
  source: { snapshotState?(checkpointId: number): unknown[] } | undefined,
  chainStart: number,
  operators: readonly StreamOperator[],
  keyedBackends: ReadonlyMap<string, KeyedStateBackend>,
  checkpointId: number,
  reuse: Buffer | undefined,
): EncodedTaskState | Promise<EncodedTaskState> {
  const ops = vertex.operators;
  const parts: TaskStateParts = { vertexId: d.vertexId, subtask: d.subtask, operators: [] };
  const sourceState = source?.snapshotState?.(checkpointId);
  if (sourceState) parts.operators.push({ uid: ops[0].uid, list: { splits: sourceState } });
  // Sinks whose pre-commit is asynchronous hand back a promise; everything else is taken now.
  const later: Array<Promise<unknown>> = [];
  const buffers: Array<[KeyedStateBackend, Buffer]> = [];
  let keyedSize = 0;
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const part: TaskStateParts['operators'][number] = { uid };
    parts.operators.push(part);
    const backend = keyedBackends.get(uid);
    if (backend) {
      keyedSize += backend.lastSnapshotSize;
      later.push(
        backend.beginSnapshot().then(({ bytes, buffer }) => {
          part.keyed = bytes;
          buffers.push([backend, buffer]);
        }),
      );
    }
    if (list && typeof (list as Promise<unknown>).then === 'function') {
      later.push(
        (list as Promise<OperatorListState | undefined>).then((l) => {
          if (l) part.list = l;
        }),
      );
    } else if (list) part.list = list as OperatorListState;
  }
  const encode = (): EncodedTaskState => {
    // Room for growth since the last checkpoint: a buffer regrown mid-write is copied whole.
    const wanted = Math.ceil(keyedSize * 1.25) + 64 * 1024;
    const w = new MsgpackWriter(reuse !== undefined && reuse.length >= wanted ? reuse : wanted);
    writeTaskStateParts(w, parts);
    for (const [backend, buffer] of buffers) backend.reuseBuffer(buffer); // copied into w
    return { bytes: w.bytes(), buffer: w.buffer };
  };
  return later.length === 0 ? encode() : Promise.all(later).then(encode);
}
