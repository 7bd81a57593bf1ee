import type { KeyedStateSnapshot } from '../../taskmanager/state/keyed-state-backend';
import type { OperatorListState } from '../../taskmanager/operators/operator';
import { encodeValue, decodeValue } from '../record-codec';
import { CorruptStateError } from './storage-errors';

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
