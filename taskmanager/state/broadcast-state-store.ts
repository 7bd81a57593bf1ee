import type { BroadcastState } from '../../api/process-functions';
import { stateKeyOf, keyOfStateKey } from './keyed-state-backend';
import { UNION_LIST_STATE_PREFIX, type OperatorListState } from '../../common/checkpoint/task-state-snapshot';
import { SluiceError } from '../../common/errors';

/** The list-state name broadcast state is snapshotted under (union: every subtask gets it whole). */
export const BROADCAST_STATE_LIST = `${UNION_LIST_STATE_PREFIX}broadcast-state`;

/** One named broadcast map; keys compared by value, like map state. */
class BroadcastMap implements BroadcastState<unknown, unknown> {
  readonly map = new Map<unknown, unknown>();
  get(key: unknown): unknown {
    return this.map.get(stateKeyOf(key));
  }
  contains(key: unknown): boolean {
    return this.map.has(stateKeyOf(key));
  }
  *entries(): IterableIterator<[unknown, unknown]> {
    for (const [k, v] of this.map) yield [keyOfStateKey(k), v];
  }
  *keys(): IterableIterator<unknown> {
    for (const k of this.map.keys()) yield keyOfStateKey(k);
  }
  values(): IterableIterator<unknown> {
    return this.map.values();
  }
  get size(): number {
    return this.map.size;
  }
  put(key: unknown, value: unknown): void {
    this.map.set(stateKeyOf(key), value);
  }
  remove(key: unknown): void {
    this.map.delete(stateKeyOf(key));
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * Broadcast state of one operator subtask (Flink's): maps named by the descriptors given to
 * stream.broadcast(...), updated identically on every subtask by the broadcast side. It is
 * non-keyed operator state: every subtask snapshots its copy as union list state, and a
 * restore, at any parallelism, rebuilds the maps from the copies (identical, so duplicates
 * collapse).
 */
export class BroadcastStateStore {
  private readonly maps = new Map<string, BroadcastMap>();

  constructor(names: readonly string[]) {
    for (const n of names) this.maps.set(n, new BroadcastMap());
  }

  get(name: string): BroadcastState<unknown, unknown> {
    const m = this.maps.get(name);
    if (!m)
      throw new SluiceError('INVALID_ARGUMENT', `Broadcast state '${name}' was not declared: pass its MapStateDescriptor to broadcast(...)`, { domain: 'user' });
    return m;
  }

  snapshot(): OperatorListState {
    const copies: unknown[] = [];
    for (const [name, m] of this.maps) copies.push([name, Array.from(m.map)]);
    return { [BROADCAST_STATE_LIST]: copies };
  }

  restore(state: OperatorListState | undefined): void {
    for (const copy of state?.[BROADCAST_STATE_LIST] ?? []) {
      const [name, entries] = copy as [string, Array<[unknown, unknown]>];
      const m = this.maps.get(name);
      if (!m) continue; // a descriptor the new job version no longer declares
      for (const [k, v] of entries) m.map.set(k, v);
    }
  }
}
