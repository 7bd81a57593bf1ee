import { encodeValue, decodeValue } from '../record-codec';
import { CorruptStateError } from './storage-errors';

/**
 * The state format: the contract between the TaskManagers that write and restore state, the
 * JobManager's savepoint reader and `stream-submit savepoint --inspect`.
 */

/**
 * Keyed state of one operator in one subtask: per key group, per state name, the
 * [stateKey, value] entries. Plain data. State names beginning with '$' are Sluice's
 * (timers, windows, TTL).
 */
export interface KeyedStateSnapshot {
  keyGroups: Array<[keyGroup: number, states: Record<string, Array<[unknown, unknown]>>]>;
  /**
   * The kind ('value', 'list', 'map', 'reducing', 'aggregating') of each registered state by
   * name, so that a restore (and `run --dry-run`) can refuse a state whose kind changed.
   * Absent in snapshots written before kinds were recorded.
   */
  kinds?: Record<string, string>;
}

/**
 * Non-keyed operator state: named lists, split round-robin across subtasks on rescale (Flink's
 * list state). Lists whose name begins with UNION_LIST_STATE_PREFIX are given whole to every
 * subtask on restore (Flink's union list state): broadcast state relies on it.
 */
export type OperatorListState = Record<string, unknown[]>;

/** Prefix of operator list state redistributed as union state (every subtask gets all of it). */
export const UNION_LIST_STATE_PREFIX = 'union:';

export interface OperatorSnapshot {
  keyed?: KeyedStateSnapshot;
  list?: OperatorListState;
}

/** One subtask's state in one checkpoint: versioned, keyed by operator uid. */
export interface TaskStateSnapshot {
  format: 'sluice-task-state';
  version: 1;
  vertexId: string;
  subtask: number;
  operators: Record<string, OperatorSnapshot>;
}

export function encodeTaskState(snapshot: TaskStateSnapshot): Uint8Array {
  return encodeValue(snapshot);
}

export function decodeTaskState(bytes: Uint8Array, where: string): TaskStateSnapshot {
  let value: TaskStateSnapshot;
  try {
    value = decodeValue<TaskStateSnapshot>(bytes);
  } catch (err) {
    throw new CorruptStateError(`State at ${where} cannot be decoded: ${(err as Error).message}`);
  }
  if (value?.format !== 'sluice-task-state') throw new CorruptStateError(`State at ${where} is not Sluice task state`);
  if (value.version !== 1) throw new CorruptStateError(`State at ${where} has unsupported version ${value.version}`);
  return value;
}
