/**
 * Converts a table's values to plain data for snapshots and back. Values that already are
 * plain data (numbers, arrays, plain objects) need no codec; Maps do (msgpack would turn them
 * into objects with string keys).
 */
export interface StateCodec<V> {
  save(value: V): unknown;
  load(plain: unknown): V;
  /**
   * `save` is `Array.from` of a Map-like value (an EntrySource such as MapState's CompactMap):
   * snapshots write its entries directly instead of building the array (no allocation per
   * entry while a checkpoint is written).
   */
  readonly savesMapEntries?: boolean;
  /**
   * `save` turns a flat array [k0, v0, k1, v1, ...] into its pairs [[k0, v0], ...]: snapshots
   * write the pairs directly (the same bytes, no allocation per entry).
   */
  readonly savesFlatPairs?: boolean;
}

import type { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import type { ChunkedBytes } from '../../common/checkpoint/chunked-bytes';
import { TableChanges } from './table-changes';
import type { EntrySource } from '../../common/checkpoint/msgpack-writer';

/**
 * A table tracks its changes for snapshots once it holds this many entries (smaller ones
 * encode fast enough): at a snapshot, or, in a checkpointed job, as soon as it has had them.
 */
export const TRACK_CHANGES_FROM = 1024;
/** No state key is this object: nothing is marked yet. */
const NOT_MARKED = Symbol('not marked');
/** Snapshots a table waits before tracking again after nearly all its entries changed between two. */
const TRACK_AGAIN_AFTER = 16;

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
  /**
   * A snapshot is about to write its first group: work that needs every group as it was at
   * the barrier (StateTable encodes its changed entries ahead, see TableChanges).
   */
  prepareSnapshotWrite?(): void;
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
  /** Changes since the last snapshot, for snapshots that copy unchanged entries (undefined: not tracked). */
  private changes: TableChanges | undefined;
  private trackAgainIn = 0;
  /**
   * The key marked changed last: a record usually reads and writes its key's state several
   * times in a row (Nexmark q8: get, then put), and one insert is enough.
   */
  private markedKey: unknown = NOT_MARKED;
  /** Where the changes logged `markedKey`. */
  private markedIndex = 0;
  /** Tracking begins when `inserted` reaches TRACK_CHANGES_FROM (the backend's tables track from the start). */
  private trackingPending: boolean;
  private inserted = 0;
  private readonly entryWriter = (w: MsgpackWriter, k: unknown, v: V): void => this.writeEntry(w, k, v);

  constructor(
    readonly name: string,
    private readonly backend: CurrentKeySource,
    groupCount: number,
    readonly codec?: StateCodec<V>,
    /**
     * Snapshots will be taken and recorded (checkpointing is on): tracking begins as soon as
     * the table has had TRACK_CHANGES_FROM entries, with all of them, not at a snapshot.
     */
    trackFromStart = false,
  ) {
    this.groups = new Array(groupCount);
    for (let i = 0; i < groupCount; i++) this.groups[i] = new Map();
    this.trackingPending = trackFromStart;
  }

  /**
   * The current key's map (the key group of the key last set on the backend). While a
   * snapshot is written in the background, its group is written first: a value read here may
   * be changed in place afterwards (a MapState's inner Map, a list, a timer array).
   */
  private get current(): Map<unknown, V> {
    const b = this.backend;
    const g = b.currentGroupIndex;
    if (b.snapshotInProgress) b.settleGroup(g);
    const c = this.changes;
    if (c !== undefined) {
      const key = b.currentStateKey;
      if (key !== this.markedKey) {
        this.markedIndex = c.mark(g, key);
        this.markedKey = key;
      }
    }
    return this.groups[g];
  }

  /** Group `index`'s map, to be changed outside the current key (sweeps): settled first. */
  groupForUpdate(index: number): Map<unknown, V> {
    if (this.backend.snapshotInProgress) this.backend.settleGroup(index);
    if (this.changes !== undefined) this.changes.wholeGroups[index] = 1;
    return this.groups[index];
  }

  get(): V | undefined {
    const v = this.current.get(this.backend.currentStateKey);
    // The log keeps the value: it may be changed in place, and the snapshot encodes it from there.
    if (v !== undefined) this.changes?.seen(this.markedIndex, v);
    return v;
  }

  put(value: V): void {
    const map = this.current;
    if (this.trackingPending) {
      const before = map.size;
      map.set(this.backend.currentStateKey, value);
      if (map.size > before && ++this.inserted >= TRACK_CHANGES_FROM) this.startTracking();
      return;
    }
    map.set(this.backend.currentStateKey, value);
    this.changes?.seen(this.markedIndex, value);
  }

  /**
   * Tracks changes from now, with every entry logged as changed: the next snapshot encodes
   * them all from the log, in the order they were inserted (see TableChanges). Small tables
   * are never tracked: they encode fast in any order, and a few hot keys touched in turn
   * would pay a mark per access for nothing.
   */
  private startTracking(): void {
    const c = new TableChanges(this.groups.length, true);
    this.groups.forEach((m, g) => m.forEach((v, k) => c.seen(c.mark(g, k), v)));
    this.changes = c;
    this.trackingPending = false;
    this.markedKey = NOT_MARKED;
  }

  remove(): void {
    this.current.delete(this.backend.currentStateKey);
    this.changes?.removed(this.markedIndex);
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

  /**
   * A snapshot begins. `recording`: its bytes stay intact until the next snapshot is written,
   * so it records where it writes each entry; `source`: the previous snapshot's bytes, when
   * that one was recorded and written (the entries not changed since are copied from them).
   */
  beginSnapshot(recording: boolean, source: ChunkedBytes | undefined): void {
    if (!recording) {
      // Nothing to copy from next time: tracking would cost every access for nothing.
      this.changes = undefined;
      return;
    }
    if (this.changes === undefined) {
      if (this.trackAgainIn > 0) this.trackAgainIn--;
      else if (this.size >= TRACK_CHANGES_FROM) {
        this.changes = new TableChanges(this.groups.length, false);
        this.trackingPending = false;
      }
      // A table tracked from now is recorded now and copies from the next snapshot on.
    }
    this.changes?.begin(source);
    this.markedKey = NOT_MARKED; // the changes begin again: the next access marks its key
  }

  /** Entries the snapshot begun last copied from the one before (0 when it encoded them all). */
  get copiedEntries(): number {
    return this.changes?.copied ?? 0;
  }

  /** The snapshot begun last is written (`ok`) or failed. */
  endSnapshot(ok: boolean): void {
    const c = this.changes;
    if (c === undefined || !c.writing) return;
    c.end(ok);
    // Nearly every entry changed between the two snapshots: tracking costs more than it saves.
    // (Not at half: state that grows, such as Nexmark q8's, has half its entries new at the
    // second checkpoint and fewer after.)
    if (ok && c.copying && c.copied + c.encoded >= TRACK_CHANGES_FROM && 4 * c.copied < c.copied + c.encoded) {
      this.changes = undefined;
      this.trackAgainIn = TRACK_AGAIN_AFTER;
    }
  }

  prepareSnapshotWrite(): void {
    this.changes?.encodeAhead(this.groups, this.entryWriter);
  }

  writeGroup(index: number, w: MsgpackWriter): void {
    const map = this.groups[index];
    const c = this.changes;
    if (c !== undefined && c.writing) {
      c.writeGroup(index, map, w, this.entryWriter);
      return;
    }
    w.arrayHeader(map.size);
    // forEach, not for-of: destructuring a Map's entries allocates an array per entry.
    map.forEach((v, k) => this.writeEntry(w, k, v));
  }

  /** One entry `[k, saved v]`; Maps and flat pairs are written from the value, not copied into arrays first. */
  private writeEntry(w: MsgpackWriter, k: unknown, v: V): void {
    const codec = this.codec;
    if (codec === undefined) w.pair(k, v);
    else if (codec.savesMapEntries === true) {
      w.arrayHeader(2);
      w.value(k);
      w.mapEntries(v as unknown as EntrySource);
    } else if (codec.savesFlatPairs === true) {
      w.arrayHeader(2);
      w.value(k);
      w.flatPairs(v as unknown as readonly unknown[]);
    } else w.pair(k, codec.save(v));
  }

  restoreGroup(index: number, entries: ReadonlyArray<[unknown, unknown]>): void {
    if (this.changes !== undefined) this.changes.wholeGroups[index] = 1;
    const map = this.groups[index];
    const codec = this.codec;
    for (const [k, v] of entries) map.set(k, codec ? codec.load(v) : (v as V));
    if (this.trackingPending && (this.inserted += entries.length) >= TRACK_CHANGES_FROM) this.startTracking();
  }
}
