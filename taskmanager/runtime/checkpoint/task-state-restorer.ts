import type { TaskRestore } from '../../../proto/messages';
import { UNION_LIST_STATE_PREFIX, type KeyedStateSnapshot, type OperatorListState } from '../../../common/checkpoint/task-state-snapshot';
import { decodeTaskState, type TaskStateSnapshot } from '../../../common/checkpoint/task-state-snapshot';
import { readTaskState } from '../../../common/checkpoint/state-files';
import { parentLocation } from '../../../common/checkpoint/storage-backend';
import { keyGroupRangeForSubtask } from '../../../common/key-groups';
import { SluiceError } from '../../../common/errors';

/** What one subtask restores, by operator uid. */
export interface RestoredTaskState {
  checkpointId: number;
  /** Snapshot pieces of old subtasks whose key groups overlap this subtask's range. */
  keyed: Map<string, KeyedStateSnapshot[]>;
  /** This subtask's share of each operator's list state. */
  list: Map<string, OperatorListState>;
}

/**
 * Reads the state a subtask restores from a checkpoint or savepoint. At unchanged parallelism
 * a subtask reads only its own state; when rescaling it reads the old subtasks whose key-group
 * ranges overlap its own, and list state is dealt round-robin over the new subtasks (Flink's
 * redistribution of operator list state), except `union:` states, which every subtask gets whole.
 */
export async function loadRestoredState(restores: readonly TaskRestore[], subtask: number, parallelism: number, maxParallelism: number): Promise<RestoredTaskState> {
  const merged: RestoredTaskState = { checkpointId: restores[0]?.checkpointId ?? 0, keyed: new Map(), list: new Map() };
  // Operator uids are unique, so the chains a task restores from never hold the same uid.
  for (const restore of restores) {
    const part = await loadFromChain(restore, subtask, parallelism, maxParallelism);
    for (const [uid, pieces] of part.keyed) merged.keyed.set(uid, pieces);
    for (const [uid, lists] of part.list) merged.list.set(uid, lists);
  }
  return merged;
}

async function loadFromChain(restore: TaskRestore, subtask: number, parallelism: number, maxParallelism: number): Promise<RestoredTaskState> {
  const directory = parentLocation(restore.externalPath);
  const rescaled = restore.previousParallelism !== parallelism;
  const handles = [...restore.handles].sort((a, b) => a.subtask - b.subtask);
  const mine = keyGroupRangeForSubtask(maxParallelism, parallelism, subtask);

  const snapshots: TaskStateSnapshot[] = [];
  for (const h of handles) {
    if (!rescaled && h.subtask !== subtask) continue;
    const bytes = await readTaskState(directory, h);
    snapshots.push(decodeTaskState(bytes, h.location));
  }

  const keyed = new Map<string, KeyedStateSnapshot[]>();
  const list = new Map<string, OperatorListState>();
  const concatenated = new Map<string, Map<string, unknown[]>>();
  for (const snap of snapshots) {
    const old = keyGroupRangeForSubtask(restore.maxParallelism, restore.previousParallelism, snap.subtask);
    const overlaps = old.start <= mine.end && mine.start <= old.end;
    for (const [uid, op] of Object.entries(snap.operators)) {
      if (op.keyed && op.keyed.keyGroups.length > 0 && restore.maxParallelism !== maxParallelism)
        throw new SluiceError('SAVEPOINT_INVALID', `Keyed state of operator '${uid}' was written with maxParallelism ${restore.maxParallelism} but the operator now has ${maxParallelism}; maxParallelism cannot change across a restore`, { domain: 'user' });
      if (op.keyed && overlaps) {
        let pieces = keyed.get(uid);
        if (!pieces) keyed.set(uid, (pieces = []));
        pieces.push(op.keyed);
      }
      for (const [name, values] of Object.entries(op.list ?? {})) {
        let byName = concatenated.get(uid);
        if (!byName) concatenated.set(uid, (byName = new Map()));
        byName.set(name, [...(byName.get(name) ?? []), ...values]);
      }
    }
  }
  for (const [uid, byName] of concatenated) {
    const share: OperatorListState = {};
    // `union:` states (broadcast state) go whole to every subtask, as Flink's union list state;
    // the others are dealt round-robin.
    for (const [name, values] of byName) share[name] = rescaled && !name.startsWith(UNION_LIST_STATE_PREFIX) ? values.filter((_, i) => i % parallelism === subtask) : values;
    list.set(uid, share);
  }
  return { checkpointId: restore.checkpointId, keyed, list };
}
