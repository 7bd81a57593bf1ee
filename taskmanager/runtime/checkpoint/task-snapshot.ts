import type { JobVertex, TaskDeploymentDescriptor } from '../../../proto/messages';
import type { OperatorListState, StreamOperator } from '../../operators/operator';
import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import type { OperatorSnapshot, TaskStateSnapshot } from '../../../common/checkpoint/task-state-snapshot';

/**
 * The synchronous part of a subtask's checkpoint (a sink's asynchronous pre-commit aside): the source reader's position (as list state
 * `splits` of the head operator), each operator's list state, and each keyed backend, by uid.
 */
export function snapshotTaskState(
  d: TaskDeploymentDescriptor,
  vertex: JobVertex,
  source: { snapshotState?(checkpointId: number): unknown[] } | undefined,
  chainStart: number,
  operators: readonly StreamOperator[],
  keyedBackends: ReadonlyMap<string, KeyedStateBackend>,
  checkpointId: number,
): TaskStateSnapshot | Promise<TaskStateSnapshot> {
  const ops = vertex.operators;
  const snapshots: Record<string, OperatorSnapshot> = {};
  const sourceState = source?.snapshotState?.(checkpointId);
  if (sourceState) snapshots[ops[0].uid] = { list: { splits: sourceState } };
  // Sinks whose pre-commit is asynchronous hand back a promise; everything else is copied now.
  const later: Array<Promise<void>> = [];
  for (let i = 0; i < operators.length; i++) {
    const uid = ops[i + chainStart].uid;
    const list = operators[i].snapshotState?.(checkpointId);
    const keyed = keyedBackends.get(uid)?.snapshot();
    if (list && typeof (list as Promise<unknown>).then === 'function') {
      later.push(
        (list as Promise<OperatorListState | undefined>).then((l) => {
          if (l || keyed) snapshots[uid] = { ...(l ? { list: l } : {}), ...(keyed ? { keyed } : {}) };
        }),
      );
      continue;
    }
    const sync = list as OperatorListState | undefined;
    if (sync || keyed) snapshots[uid] = { ...(sync ? { list: sync } : {}), ...(keyed ? { keyed } : {}) };
  }
  const snapshot: TaskStateSnapshot = { format: 'sluice-task-state', version: 1, vertexId: d.vertexId, subtask: d.subtask, operators: snapshots };
  return later.length === 0 ? snapshot : Promise.all(later).then(() => snapshot);
}
