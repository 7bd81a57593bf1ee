/**
 * Converts a table's values to plain data for snapshots and back. Values that already are
 * plain data (numbers, arrays, plain objects) need no codec; Maps do (msgpack would turn them
 * into objects with string keys).
 */
export interface StateCodec<V> {
  save(value: V): unknown;
  load(plain: unknown): V;
  /**
   * `save` is `Array.from` of a Map value: snapshots write the Map's entries directly instead
   * of building the array (no allocation per entry while a checkpoint is written).
   */
  readonly savesMapEntries?: boolean;
  /**
   * `save` turns a flat array [k0, v0, k1, v1, ...] into its pairs [[k0, v0], ...]: snapshots
   * write the pairs directly (the same bytes, no allocation per entry).
   */
  readonly savesFlatPairs?: boolean;
}

import type { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';

/** What a table needs from its backend: the current key's group and map key. */
export interface CurrentKeySource {
  readonly currentGroupIndex: number;
  readonly currentStateKey: unknown;
  /** A snapshot is being written while processing goes on (see KeyedSnapshotInProgress). */
  readonly snapshotInProgress: boolean;
  /** Writes group `index` into the snapshot in progress before anything may change it. */
  settleGroup(index: number): void;
}

/**
 * What the backend and its snapshots need of a table, whatever holds its values: StateTable
 * (a Map per key group) or PairTable (pairs of numbers packed per key group).
 */
export interface KeyedTable {
  readonly name: string;
  /** Entries over all key groups. */
  readonly size: number;
  /** Entries in key group `index` (of the backend's range). */
  groupSize(index: number): number;
  /** One key group's entries in snapshot form, [state key, saved value] each. */
  snapshotGroup(index: number): Array<[unknown, unknown]>;
  writeGroup(index: number, w: MsgpackWriter): void;
  /** Sets the entries of a snapshot's key group (values in saved form). */
  restoreGroup(index: number, entries: ReadonlyArray<[unknown, unknown]>): void;
}

/**
 * One named state: a Map per key group from state key to value. Accessors work on the
 * backend's current key; everything else (timers, sweeps, snapshots) walks the groups.
 */
export class StateTable<V> implements KeyedTable {
  /** One map per key group of the backend's range, indexed by keyGroup - range.start. */
  readonly groups: Array<Map<unknown, V>>;

  constructor(
    readonly name: string,
    private readonly backend: CurrentKeySource,
    groupCount: number,
    readonly codec?: StateCodec<V>,
  ) {
    this.groups = new Array(groupCount);
    for (let i = 0; i < groupCount; i++) this.groups[i] = new Map();
  }

  /**
   * The current key's map (the key group of the key last set on the backend). While a
   * snapshot is written in the background, its group is written first: a value read here may
   * be changed in place afterwards (a MapState's inner Map, a list, a timer array).
   */
  private get current(): Map<unknown, V> {
    const b = this.backend;
    if (b.snapshotInProgress) b.settleGroup(b.currentGroupIndex);
    return this.groups[b.currentGroupIndex];
  }

  /** Group `index`'s map, to be changed outside the current key (sweeps): settled first. */
  groupForUpdate(index: number): Map<unknown, V> {
    if (this.backend.snapshotInProgress) this.backend.settleGroup(index);
    return this.groups[index];
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

  groupSize(index: number): number {
    return this.groups[index].size;
  }

  snapshotGroup(index: number): Array<[unknown, unknown]> {
    const map = this.groups[index];
    const out: Array<[unknown, unknown]> = [];
    const codec = this.codec;
    for (const [k, v] of map) out.push([k, codec ? codec.save(v) : v]);
    return out;
  }

  writeGroup(index: number, w: MsgpackWriter): void {
    const map = this.groups[index];
    const codec = this.codec;
    w.arrayHeader(map.size);
    // forEach, not for-of: destructuring a Map's entries allocates an array per entry.
    if (codec === undefined) map.forEach((v, k) => w.pair(k, v));
    else if (codec.savesMapEntries === true)
      map.forEach((v, k) => {
        w.arrayHeader(2);
        w.value(k);
        w.mapEntries(v as Map<unknown, unknown>);
      });
    else if (codec.savesFlatPairs === true)
      map.forEach((v, k) => {
        w.arrayHeader(2);
        w.value(k);
        w.flatPairs(v as unknown as readonly unknown[]);
      });
    else map.forEach((v, k) => w.pair(k, codec.save(v)));
  }

  restoreGroup(index: number, entries: ReadonlyArray<[unknown, unknown]>): void {
    const map = this.groups[index];
    const codec = this.codec;
    for (const [k, v] of entries) map.set(k, codec ? codec.load(v) : (v as V));
  }
}
