import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import type { OperatorSnapshot, TaskStateSnapshot } from '../../../common/checkpoint/task-state-snapshot';

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
): TaskStateSnapshot {
  const ops = vertex.operators;
  const chainStart = reader ? 1 : 0;
  const snapshots: Record<string, OperatorSnapshot> = {};
  const readerState = reader?.snapshotState?.(checkpointId);
  if (readerState) snapshots[ops[0].uid] = { list: { splits: readerState } };
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const keyed = keyedBackends.get(uid)?.snapshot();
    if (list || keyed) snapshots[uid] = { ...(list ? { list } : {}), ...(keyed ? { keyed } : {}) };
  }
  return { format: 'sluice-task-state', version: 1, vertexId: d.vertexId, subtask: d.subtask, operators: snapshots };
}
