import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { OperatorListState, StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { writeTaskStateParts, type TaskStateParts } from '../../../common/checkpoint/task-state-snapshot';
import { MsgpackWriter } from '../../../common/checkpoint/msgpack-writer';

/** A subtask's encoded state: `chunks` in order; `buffers` hold them and may be reused once they are written. */
export interface EncodedTaskState {
  chunks: Uint8Array[];
  buffers: Buffer[];
}

/**
 * The synchronous part of a subtask's checkpoint (a sink's asynchronous pre-commit aside): the
 * source reader's position (as list state `splits` of the head operator) and each operator's
 * list state are taken now; each keyed backend, the bulk of the state, begins a snapshot that
 * is written while processing goes on (copy-on-write by key group: KeyedSnapshotInProgress),
 * straight from its tables into msgpack. When all are written they go into one encoded
 * TaskStateSnapshot, written into `reuse` (the buffers of an earlier checkpoint whose write is
 * done) and then into new buffers for what the state grew by: a checkpoint neither builds a
 * plain-data copy of the state nor allocates a buffer of the state's size each time (which
 * made V8 run a full GC of the slot's heap).
 */
export function snapshotTaskState(
  d: TaskDeploymentDescriptor,
  vertex: JobVertex,
  source: { snapshotState?(checkpointId: number): unknown[] } | undefined,
  chainStart: number,
  operators: readonly StreamOperator[],
  keyedBackends: ReadonlyMap<string, KeyedStateBackend>,
  checkpointId: number,
  reuse: Buffer[] | undefined,
): EncodedTaskState | Promise<EncodedTaskState> {
  const ops = vertex.operators;
  const parts: TaskStateParts = { vertexId: d.vertexId, subtask: d.subtask, operators: [] };
  const sourceState = source?.snapshotState?.(checkpointId);
  if (sourceState) parts.operators.push({ uid: ops[0].uid, list: { splits: sourceState } });
  // Sinks whose pre-commit is asynchronous hand back a promise; everything else is taken now.
  const later: Array<Promise<unknown>> = [];
  const keyed: Array<[TaskStateParts['operators'][number], KeyedStateBackend]> = [];
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const part: TaskStateParts['operators'][number] = { uid };
    parts.operators.push(part);
    const backend = keyedBackends.get(uid);
    if (backend) keyed.push([part, backend]);
    if (list && typeof (list as Promise<unknown>).then === 'function') {
      later.push(
        (list as Promise<OperatorListState | undefined>).then((l) => {
          if (l) part.list = l;
        }),
      );
    } else if (list) part.list = list as OperatorListState;
  }
  if (keyed.length === 1 && later.length === 0) {
    // The common case, one keyed backend: the task state is written around its snapshot in one
    // buffer, no copy. Its operator goes last and its keyed state last in it, so the snapshot
    // in progress is the end of the bytes (the order of the operators does not matter).
    const [[part, backend]] = keyed;
    parts.operators.splice(parts.operators.indexOf(part), 1);
    parts.operators.push(part);
    const wanted = backend.snapshotSizeEstimate + 64 * 1024;
    const w = MsgpackWriter.reusing(reuse, wanted);
    let taken: Promise<EncodedTaskState> | undefined;
    part.keyed = (into) => void (taken = backend.beginSnapshot(into));
    writeTaskStateParts(w, parts);
    return taken!;
  }
  const buffers: Array<[KeyedStateBackend, Buffer[]]> = [];
  let keyedSize = 0;
  for (const [part, backend] of keyed) {
    keyedSize += backend.snapshotSizeEstimate;
    later.push(
      backend.beginSnapshot().then(({ chunks, buffers: held }) => {
        part.keyed = chunks;
        buffers.push([backend, held]);
      }),
    );
  }
  const encode = (): EncodedTaskState => {
    const wanted = keyedSize + 64 * 1024;
    const w = MsgpackWriter.reusing(reuse, wanted);
    writeTaskStateParts(w, parts);
    for (const [backend, held] of buffers) backend.reuseBuffers(held); // copied into w
    return { chunks: w.chunkViews(), buffers: w.buffers() };
  };
  return later.length === 0 ? encode() : Promise.all(later).then(encode);
}
