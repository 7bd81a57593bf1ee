import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { OperatorListState, StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { encodeTaskStateParts, writeTaskStateParts, type TaskStateParts } from '../../../common/checkpoint/task-state-snapshot';
import { MsgpackWriter } from '../../../common/checkpoint/msgpack-writer';

/** A subtask's encoded state; `buffer` holds `bytes` and may be reused once they are written. */
export interface EncodedTaskState {
  bytes: Uint8Array;
  buffer: Buffer | undefined;
}

/**
 * The synchronous part of a subtask's checkpoint (a sink's asynchronous pre-commit aside): the
 * source reader's position (as list state `splits` of the head operator), each operator's list
 * state, and each keyed backend, by uid, encoded before the task goes on. Keyed state is the
 * bulk of it: it is written straight from its tables into `reuse` (the buffer of an earlier
 * checkpoint whose write is done), so a checkpoint neither builds a plain-data copy of the
 * state nor allocates a buffer of the state's size (which made V8 run a full GC of the slot's
 * heap). The encoded bytes are the copy that processing can no longer change.
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
  const later: Array<Promise<void>> = [];
  const backends: Array<[part: TaskStateParts['operators'][number], backend: KeyedStateBackend]> = [];
  let keyedSize = 0;
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const part: TaskStateParts['operators'][number] = { uid };
    parts.operators.push(part);
    const backend = keyedBackends.get(uid);
    if (backend) {
      backends.push([part, backend]);
      keyedSize += backend.lastSnapshotSize;
    }
    if (list && typeof (list as Promise<unknown>).then === 'function') {
      later.push(
        (list as Promise<OperatorListState | undefined>).then((l) => {
          if (l) part.list = l;
        }),
      );
    } else if (list) part.list = list as OperatorListState;
  }
  if (later.length === 0) {
    for (const [part, backend] of backends) part.keyed = (w) => backend.writeSnapshot(w);
    // Room for growth since the last checkpoint: a buffer regrown mid-write is copied whole.
    const wanted = Math.ceil(keyedSize * 1.25) + 64 * 1024;
    const w = new MsgpackWriter(reuse !== undefined && reuse.length >= wanted ? reuse : wanted);
    writeTaskStateParts(w, parts);
    return { bytes: w.bytes(), buffer: w.buffer };
  }
  // The list state comes later, the keyed state cannot wait: encode it now, on its own.
  for (const [part, backend] of backends) part.keyed = backend.encodeSnapshot();
  return Promise.all(later).then(() => ({ bytes: encodeTaskStateParts(parts), buffer: undefined }));
}
