import { keyGroupForKey, keyGroupRangeForSubtask, type KeyGroupRange } from '../../common/key-groups';

/**
 * Keyed state of one operator in one subtask, held per key group so that snapshots and
 * rescaling move whole key groups. Every named state is a table with one Map per key group.
 * `setCurrentKey` computes the key group once per record; state objects read it without
 * allocating.
 */

/** A snapshot: per key group, per state name, the [stateKey, value] entries. Plain data. */
export interface KeyedStateSnapshot {
  keyGroups: Array<[keyGroup: number, states: Record<string, Array<[unknown, unknown]>>]>;
}

export interface ValueState<T> {
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

export class StateTable<V> {
  /** One map per key group of the backend's range, indexed by keyGroup - range.start. */
  readonly groups: Array<Map<unknown, V>>;

  constructor(
    readonly name: string,
    private readonly backend: KeyedStateBackend,
    groupCount: number,
  ) {
    this.groups = new Array(groupCount);
    for (let i = 0; i < groupCount; i++) this.groups[i] = new Map();
  }

  /** The current key's map (the key group of the key last set on the backend). */
  private get current(): Map<unknown, V> {
    return this.groups[this.backend.currentGroupIndex];
  }

  get(): V | undefined {
    return this.current.get(this.backend.currentStateKey);
  }

  put(value: V): void {
    this.current.set(this.backend.currentStateKey, value);
  }

  remove(): void {
    this.current.delete(this.backend.currentStateKey);
  }

  contains(): boolean {
    return this.current.has(this.backend.currentStateKey);
  }

  get size(): number {
    let n = 0;
    for (const g of this.groups) n += g.size;
    return n;
  }
}

export class KeyedStateBackend {
  readonly range: KeyGroupRange;
  private readonly groupCount: number;
  private readonly tables = new Map<string, StateTable<unknown>>();
  /** Entries restored before their state was registered (the name is known only at open). */
  private readonly restored = new Map<string, Array<[number, Array<[unknown, unknown]>]>>();
  currentKey: unknown = undefined;
  currentStateKey: unknown = undefined;
  currentKeyGroup = -1;
  currentGroupIndex = 0;

  constructor(
    readonly maxParallelism: number,
    parallelism: number,
    subtaskIndex: number,
  ) {
    this.range = keyGroupRangeForSubtask(maxParallelism, parallelism, subtaskIndex);
    this.groupCount = Math.max(0, this.range.end - this.range.start + 1);
  }

  setCurrentKey(key: unknown): void {
    const kg = keyGroupForKey(key, this.maxParallelism);
    const index = kg - this.range.start;
    if (index < 0 || index >= this.groupCount)
      throw new Error(`key ${JSON.stringify(key)} (key group ${kg}) does not belong to this subtask's key groups ${this.range.start}..${this.range.end}`);
    this.currentKey = key;
    this.currentKeyGroup = kg;
    this.currentGroupIndex = index;
    // Composite keys index maps by their canonical JSON; primitives by themselves.
    this.currentStateKey = key !== null && typeof key === 'object' ? JSON.stringify(key) : key;
  }

  /** The table of a named state, created (and filled from a restore) on first use. */
  table<V>(name: string): StateTable<V> {
    let t = this.tables.get(name) as StateTable<V> | undefined;
    if (!t) {
      t = new StateTable<V>(name, this, this.groupCount);
      this.tables.set(name, t as StateTable<unknown>);
      for (const [kg, entries] of this.restored.get(name) ?? []) {
        const map = t.groups[kg - this.range.start];
        for (const [k, v] of entries) map.set(k, v as V);
      }
      this.restored.delete(name);
    }
    return t;
  }

  getValueState<T>(name: string): ValueState<T> {
    const t = this.table<T>(name);
    return {
      value: () => t.get(),
      update: (v: T) => t.put(v),
      clear: () => t.remove(),
    };
  }

  /** Number of entries over all states (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  stateNames(): string[] {
    return [...this.tables.keys()];
  }

  snapshot(): KeyedStateSnapshot {
    const keyGroups: KeyedStateSnapshot['keyGroups'] = [];
    for (let i = 0; i < this.groupCount; i++) {
      let states: Record<string, Array<[unknown, unknown]>> | undefined;
      for (const [name, t] of this.tables) {
        const map = t.groups[i];
        if (map.size === 0) continue;
        states ??= {};
        states[name] = Array.from(map);
      }
      // State restored but never touched since is still part of the snapshot.
      for (const [name, groups] of this.restored) {
        const g = groups.find(([kg]) => kg === this.range.start + i);
        if (g) {
          states ??= {};
          states[name] = g[1];
        }
      }
      if (states) keyGroups.push([this.range.start + i, states]);
    }
    return { keyGroups };
  }

  /** Takes the key groups of this subtask's range from snapshots of any old parallelism. */
  restore(pieces: readonly KeyedStateSnapshot[]): void {
    for (const piece of pieces) {
      for (const [kg, states] of piece.keyGroups) {
        if (kg < this.range.start || kg > this.range.end) continue;
        for (const [name, entries] of Object.entries(states)) {
          const t = this.tables.get(name);
          if (t) {
            const map = t.groups[kg - this.range.start];
            for (const [k, v] of entries) map.set(k, v);
          } else {
            let list = this.restored.get(name);
            if (!list) this.restored.set(name, (list = []));
            list.push([kg, entries]);
          }
        }
      }
    }
  }
}
