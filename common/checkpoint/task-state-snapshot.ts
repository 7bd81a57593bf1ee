import { encodeValue, decodeValue } from '../record-codec';
import { CorruptStateError } from './storage-errors';
import { MsgpackWriter } from './msgpack-writer';
import { byteLength } from './storage-backend';

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

/**
 * A subtask's state as a checkpoint takes it: operator list state as plain data, keyed state
 * encoded (msgpack of a KeyedStateSnapshot), or written into the writer on demand.
 */
export interface TaskStateParts {
  vertexId: string;
  subtask: number;
  /** `keyed`: a KeyedStateSnapshot's msgpack, whole or in chunks (in order), or a function writing it. */
  operators: Array<{ uid: string; list?: OperatorListState; keyed?: Uint8Array | readonly Uint8Array[] | ((w: MsgpackWriter) => void) }>;
}

/** Encodes parts into the bytes `encodeTaskState` would make of the same state (decodeTaskState reads both). */
export function encodeTaskStateParts(parts: TaskStateParts): Uint8Array {
  let keyedBytes = 0;
  for (const op of parts.operators) if (op.keyed !== undefined && typeof op.keyed !== 'function') keyedBytes += byteLength(op.keyed);
  const w = new MsgpackWriter(keyedBytes + 4096);
  writeTaskStateParts(w, parts);
  return w.bytes();
}

/** Writes parts as one TaskStateSnapshot, in msgpack. */
export function writeTaskStateParts(w: MsgpackWriter, parts: TaskStateParts): void {
  w.mapHeader(5);
  w.string('format');
  w.string('sluice-task-state');
  w.string('version');
  w.number(1);
  w.string('vertexId');
  w.string(parts.vertexId);
  w.string('subtask');
  w.number(parts.subtask);
  w.string('operators');
  const present = parts.operators.filter((op) => op.list !== undefined || op.keyed !== undefined);
  w.mapHeader(present.length);
  for (const op of present) {
    w.string(op.uid);
    w.mapHeader((op.list !== undefined ? 1 : 0) + (op.keyed !== undefined ? 1 : 0));
    if (op.list !== undefined) {
      w.string('list');
      w.value(op.list);
    }
    if (op.keyed !== undefined) {
      w.string('keyed');
      if (op.keyed instanceof Uint8Array) w.raw(op.keyed);
      else if (typeof op.keyed === 'function') op.keyed(w);
      else for (const chunk of op.keyed) w.raw(chunk);
    }
  }
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
