import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { OperatorListState, StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { decodeTaskState, encodeTaskState, type OperatorSnapshot, type TaskStateSnapshot } from '../../../common/checkpoint/task-state-snapshot';

/**
 * Adds asynchronous operator parts to an encoded snapshot (decoded and encoded again: only
 * vertices with such operators pay for it).
 */
export function mergeAsyncParts(bytes: Uint8Array, parts: ReadonlyArray<[string, OperatorListState]>, where: string): Uint8Array {
  if (parts.every(([, list]) => Object.keys(list).length === 0)) return bytes;
  const state = decodeTaskState(bytes, where);
  for (const [uid, list] of parts) {
    const op = (state.operators[uid] ??= {});
    op.list = { ...(op.list ?? {}), ...list };
  }
  return encodeTaskState(state);
}

/**
 * The synchronous part of a subtask's checkpoint: the source reader's position (as list state
 * `splits` of the head operator), each operator's list state, and each keyed backend, by uid.
 */
export function snapshotTaskState(
  d: TaskDeploymentDescriptor,
  vertex: JobVertex,
  reader: { snapshotState?(checkpointId: number): unknown[] } | undefined,
  operators: readonly StreamOperator[],
  keyedBackends: ReadonlyMap<string, KeyedStateBackend>,
  checkpointId: number,
  /** Receives the operators' asynchronous snapshot parts (snapshotStateAsync), by uid. */
  asyncParts?: Array<Promise<[string, OperatorListState]>>,
): TaskStateSnapshot {
  const ops = vertex.operators;
  const chainStart = reader ? 1 : 0;
  const snapshots: Record<string, OperatorSnapshot> = {};
  const readerState = reader?.snapshotState?.(checkpointId);
  if (readerState) snapshots[ops[0].uid] = { list: { splits: readerState } };
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const later = operators[i].snapshotStateAsync?.(checkpointId);
    if (later) asyncParts?.push(later.then((l): [string, OperatorListState] => [uid, l]));
    const keyed = keyedBackends.get(uid)?.snapshot();
    if (list || keyed) snapshots[uid] = { ...(list ? { list } : {}), ...(keyed ? { keyed } : {}) };
  }
  return { format: 'sluice-task-state', version: 1, vertexId: d.vertexId, subtask: d.subtask, operators: snapshots };
}
