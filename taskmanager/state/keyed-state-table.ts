import { keyGroupForKey, keyGroupRangeForSubtask, type KeyGroupRange } from '../../common/key-groups';

export interface StateSlot<V> {
  map: Map<unknown, V>;
  stateKey: unknown;
}

/**
 * Keyed state of one operator in one subtask, held per key group so that snapshots and
 * rescaling move whole key groups. Primitive keys index the maps directly; composite keys
 * (tuples, objects) are indexed by their canonical JSON.
 */
export class KeyedStateTable<V> {
  readonly range: KeyGroupRange;
  private readonly groups: Array<Map<unknown, V>>;
  /** Reused for every lookup: slotFor() returns this object (no allocation per record). */
  private readonly slot: StateSlot<V> = { map: new Map(), stateKey: undefined };

  constructor(
    readonly maxParallelism: number,
    parallelism: number,
    subtaskIndex: number,
  ) {
    this.range = keyGroupRangeForSubtask(maxParallelism, parallelism, subtaskIndex);
    const n = Math.max(0, this.range.end - this.range.start + 1);
    this.groups = new Array(n);
    for (let i = 0; i < n; i++) this.groups[i] = new Map();
  }

  /** The key group's map and the key to use in it. Valid until the next call. */
  slotFor(key: unknown): StateSlot<V> {
    const kg = keyGroupForKey(key, this.maxParallelism);
    const map = this.groups[kg - this.range.start];
    if (map === undefined) throw new Error(`key ${JSON.stringify(key)} (key group ${kg}) does not belong to this subtask's key groups ${this.range.start}..${this.range.end}`);
    this.slot.map = map;
    this.slot.stateKey = key !== null && typeof key === 'object' ? JSON.stringify(key) : key;
    return this.slot;
  }

  keyGroup(kg: number): Map<unknown, V> | undefined {
    return this.groups[kg - this.range.start];
  }

  get size(): number {
    let n = 0;
    for (const g of this.groups) n += g.size;
    return n;
  }
}
