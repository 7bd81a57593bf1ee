import { keyGroupRangeForSubtask, type KeyGroupRange } from '../../common/key-groups';
import { StateTable, type KeyedTable, type StateCodec } from './state-table';
import { PairTable, type PairForm } from './pair-table';
import { KeyGroupCache } from '../../common/key-group-cache';
import type { KeyedStateSnapshot } from '../../common/checkpoint/task-state-snapshot';
import { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import { ChunkedBytes } from '../../common/checkpoint/chunked-bytes';
import { KeyedSnapshotInProgress, SNAPSHOT_SLICE_MS, type SnapshotSource } from './keyed-snapshot-in-progress';

export { StateTable, type StateCodec } from './state-table';
export { PairTable, type PairForm } from './pair-table';

/**
 * Keyed state of one operator in one subtask, held per key group so that snapshots and
 * rescaling move whole key groups. Every named state is a table with one Map per key group,
 * and *all* keyed state lives in such tables: user state, window contents and metadata,
 * timers and TTL timestamps. Snapshots therefore capture everything with no help from
 * operators. `setCurrentKey` computes the key group once per record; state objects read it
 * without allocating.
 *
 * Table names beginning with '$' belong to Sluice (timers, windows, TTL); user state names
 * cannot begin with '$'.
 */

export type { KeyedStateSnapshot };

export interface ValueState<T> {
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

/** A state that expires entries by time; the backend sweeps them (see state-ttl.ts). */
export interface ExpiringState {
  /** Removes every entry expired at `now`; returns how many it removed. */
  removeExpired(now: number): number;
}

/**
 * Composite keys (arrays, objects) index tables by their canonical JSON behind a NUL prefix,
 * so that they never collide with a string key and can be decoded back (timers need the key
 * itself after a restore). Primitives index tables by themselves.
 */
const COMPOSITE_PREFIX = '\u0000';


export function stateKeyOf(key: unknown): unknown {
  return key !== null && typeof key === 'object' ? COMPOSITE_PREFIX + JSON.stringify(key) : key;
}

export function keyOfStateKey(stateKey: unknown): unknown {
  return typeof stateKey === 'string' && stateKey.charCodeAt(0) === 0 ? JSON.parse(stateKey.slice(1)) : stateKey;
}

export class KeyedStateBackend {
  readonly range: KeyGroupRange;
  private readonly keyGroups: KeyGroupCache;
  readonly groupCount: number;
  private readonly tables = new Map<string, KeyedTable>();
  /** Entries restored before their state was registered (the name is known only at open). */
  private readonly restored = new Map<string, Array<[number, Array<[unknown, unknown]>]>>();
  /** Kinds of restored states by name: a registration must ask for the same kind. */
  private readonly restoredKinds = new Map<string, string>();
  /** State objects by name, created once (see KeyedStateStore). */
  private readonly states = new Map<string, { kind: string; state: unknown }>();
  private readonly expiring: ExpiringState[] = [];
  /** Size of the last encoded snapshot: the next one starts with a buffer that large. */
  private lastSnapshotBytes = 0;
  private spareBuffers: Buffer[] | undefined;
  /**
   * The bytes of the last snapshot written into a writer given to `beginSnapshot`: the next
   * one copies the entries that did not change since from them (StateTable's change tracking).
   */
  private copySource: ChunkedBytes | undefined;
  /** The buffers holding `copySource`: not to be written into until the next snapshot is written. */
  pinnedBuffers: readonly Buffer[] = [];
  /** Entries the last snapshot copied from the one before instead of encoding them (tests, profiling). */
  lastSnapshotCopied = 0;
  private inProgress: KeyedSnapshotInProgress | undefined;
  /** A snapshot is being written in the background: table accesses settle their group first. */
  snapshotInProgress = false;
  /**
   * Periodic checkpoints will snapshot this backend: its tables track their changes from the
   * start (set before the first state is registered), so that even the first snapshot encodes
   * entries in the order they were touched (see TableChanges).
   */
  tracksChanges = false;
  /** Processing-time clock of TTL'd state: expired entries are left out of snapshots. */
  ttlClock: (() => number) | undefined;
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
    this.keyGroups = new KeyGroupCache(maxParallelism);
    this.groupCount = Math.max(0, this.range.end - this.range.start + 1);
  }

  setCurrentKey(key: unknown): void {
    const kg = this.keyGroups.keyGroup(key);
    const index = kg - this.range.start;
    if (index < 0 || index >= this.groupCount)
      throw new Error(`key ${JSON.stringify(key)} (key group ${kg}) does not belong to this subtask's key groups ${this.range.start}..${this.range.end}`);
    this.currentKey = key;
    this.currentKeyGroup = kg;
    this.currentGroupIndex = index;
    this.currentStateKey = stateKeyOf(key);
  }

  /** Decodes a table's map key back into the key it was stored under. */
  keyOf(stateKey: unknown): unknown {
    return keyOfStateKey(stateKey);
  }

  /**
   * The table of a named state, created (and filled from a restore) on first use. A codec
   * converts values that are not plain data (e.g. Maps) to and from their snapshot form.
   */
  table<V>(name: string, codec?: StateCodec<V>): StateTable<V> {
    const existing = this.tables.get(name);
    if (existing !== undefined) {
      if (!(existing instanceof StateTable)) throw new Error(`internal error: table '${name}' is a ${existing.constructor.name}, not a StateTable`);
      return existing as StateTable<V>;
    }
    return this.register(new StateTable<V>(name, this, this.groupCount, codec, this.tracksChanges));
  }

  /** The table of a named state whose values are short sorted lists of pairs (see PairTable). */
  pairTable(name: string, form: PairForm): PairTable {
    const existing = this.tables.get(name);
    if (existing !== undefined) {
      if (!(existing instanceof PairTable) || existing.form !== form) throw new Error(`internal error: table '${name}' is not a PairTable of form ${form}`);
      return existing;
    }
    return this.register(new PairTable(name, this, this.groupCount, form));
  }

  /** Adds a new table, filled from a restore of its state before it was registered. */
  private register<T extends KeyedTable>(t: T): T {
    this.tables.set(t.name, t);
    for (const [kg, entries] of this.restored.get(t.name) ?? []) t.restoreGroup(kg - this.range.start, entries);
    this.restored.delete(t.name);
    return t;
  }

  /**
   * The state object registered under `name`, created by `create` on first use; a second
   * registration of the same name must ask for the same kind of state.
   */
  state<S>(name: string, kind: string, create: () => S): S {
    const existing = this.states.get(name);
    if (existing) {
      if (existing.kind !== kind) throw new Error(`State '${name}' is a ${existing.kind} state and cannot also be used as a ${kind} state`);
      return existing.state as S;
    }
    const restoredKind = this.restoredKinds.get(name);
    if (restoredKind !== undefined && restoredKind !== kind)
      throw new Error(`State '${name}' was restored as a ${restoredKind} state but is now used as a ${kind} state: a state cannot change its kind across a restore (keep the kind, or give the new state another name)`);
    const state = create();
    this.states.set(name, { kind, state });
    return state;
  }

  /** The state registered under `name` if any (no allocation: the per-element fast path). */
  existingState<S>(name: string, kind: string): S | undefined {
    const existing = this.states.get(name);
    if (existing === undefined) return undefined;
    if (existing.kind !== kind) throw new Error(`State '${name}' is a ${existing.kind} state and cannot also be used as a ${kind} state`);
    return existing.state as S;
  }

  /** A value state without TTL (operators' own state; user state goes through KeyedStateStore). */
  getValueState<T>(name: string): ValueState<T> {
    return this.state(name, 'value', () => {
      const t = this.table<T>(name);
      return { value: () => t.get(), update: (v: T) => t.put(v), clear: () => t.remove() };
    });
  }

  /** Registers a TTL'd state for sweeps and snapshot filtering. */
  registerExpiring(state: ExpiringState): void {
    this.expiring.push(state);
  }

  get hasExpiringState(): boolean {
    return this.expiring.length > 0;
  }

  /** Releases every expired TTL'd entry (the periodic sweep and every snapshot call this). */
  removeExpired(now: number): number {
    let n = 0;
    for (const s of this.expiring) n += s.removeExpired(now);
    return n;
  }

  /** Number of entries over all states (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const t of this.tables.values()) n += t.size;
    return n;
  }

  /** Whether the table `name` has entries, restored or live (e.g. to tell which layout a restored operator used). */
  holdsState(name: string): boolean {
    if ((this.restored.get(name)?.length ?? 0) > 0) return true;
    const t = this.tables.get(name);
    return t !== undefined && t.size > 0;
  }

  stateNames(): string[] {
    return [...this.tables.keys()];
  }

  /**
   * The state of every key group, as plain data. Values may be shared with live state: the
   * caller encodes the snapshot before processing resumes (the task does so synchronously).
   */
  snapshot(): KeyedStateSnapshot {
    this.completeSnapshot();
    if (this.expiring.length > 0 && this.ttlClock) this.removeExpired(this.ttlClock());
    const keyGroups: KeyedStateSnapshot['keyGroups'] = [];
    for (let i = 0; i < this.groupCount; i++) {
      let states: Record<string, Array<[unknown, unknown]>> | undefined;
      for (const [name, t] of this.tables) {
        if (t.groupSize(i) === 0) continue;
        states ??= {};
        states[name] = t.snapshotGroup(i);
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
    return { keyGroups, kinds: this.kinds() };
  }

  /**
   * The snapshot `snapshot()` returns, encoded as msgpack (see writeSnapshot).
   */
  encodeSnapshot(): Uint8Array {
    const w = new MsgpackWriter(this.lastSnapshotBytes + 1024);
    this.writeSnapshot(w);
    return w.bytes();
  }

  /**
   * Writes the snapshot `snapshot()` returns as msgpack straight from the tables, now (no
   * plain-data copy of the state is built). `decodeValue` of the bytes equals
   * `decodeValue(encodeValue(snapshot()))`.
   */
  writeSnapshot(w: MsgpackWriter): void {
    const startedAt = w.length;
    new KeyedSnapshotInProgress(this.snapshotSource(false), w, (ok) => this.snapshotEnded(ok, undefined)).finishNow();
    this.lastSnapshotBytes = w.length - startedAt;
  }

  /**
   * Starts the snapshot `writeSnapshot` writes, and returns at once: key groups are written in
   * slices between the task's turns, and before processing touches them (copy-on-write by key
   * group, see KeyedSnapshotInProgress). The promise gives the bytes when all are written; they
   * stay valid until `reuseBuffers` gives their buffers back. `chunks` are the writer's bytes
   * (with whatever `into` held before the snapshot), in the order written.
   *
   * A snapshot into `into` (the task's writer) is recorded: the next one copies its unchanged
   * entries from these bytes, so `into`'s buffers must not be written into again before the
   * next snapshot is written (`pinnedBuffers` says which they are).
   */
  beginSnapshot(into?: MsgpackWriter): Promise<{ chunks: Uint8Array[]; buffers: Buffer[] }> {
    let w = into;
    if (w === undefined) {
      const wanted = this.snapshotSizeEstimate;
      w = MsgpackWriter.reusing(this.spareBuffers, wanted);
      this.spareBuffers = undefined;
    }
    const writer = w;
    const startedAt = writer.length;
    const recorded = into !== undefined;
    const s = new KeyedSnapshotInProgress(this.snapshotSource(recorded), writer, (ok) => this.snapshotEnded(ok, recorded ? writer : undefined));
    const result = s.written.then(() => {
      this.lastSnapshotBytes = writer.length - startedAt;
      return { chunks: writer.chunkViews(), buffers: writer.buffers() };
    });
    if (!s.finished) {
      this.inProgress = s;
      this.snapshotInProgress = true;
      this.writeInSlices(s);
    }
    return result;
  }

  /**
   * Bytes the next snapshot will probably need: the last one's and a quarter (state grows
   * between checkpoints), or for a first one an estimate from the number of entries: the size
   * of a first snapshot's buffer. Later ones write into the last one's buffers and allocate
   * only for what the state grew by (MsgpackWriter, WriteChunks).
   */
  get snapshotSizeEstimate(): number {
    return Math.ceil(Math.max(1.25 * this.lastSnapshotBytes, 48 * this.size)) + 64 * 1024;
  }

  /** The buffers of an earlier snapshot whose bytes are no longer needed: the next one writes into them. */
  reuseBuffers(buffers: Buffer[]): void {
    this.spareBuffers = buffers;
  }

  /** Writes the key groups a snapshot in progress has left, now (e.g. before the next one). */
  completeSnapshot(): void {
    const s = this.inProgress;
    if (s === undefined) return;
    s.finishNow();
    this.endSnapshot();
  }

  /** The task ends: the snapshot in progress is dropped (its checkpoint is never acknowledged). */
  abandonSnapshot(): void {
    if (this.inProgress !== undefined) this.snapshotEnded(false, undefined);
    this.inProgress = undefined;
    this.snapshotInProgress = false;
  }

  settleGroup(index: number): void {
    const s = this.inProgress;
    if (s === undefined) return;
    s.settle(index);
    if (s.finished) this.endSnapshot();
  }

  private writeInSlices(s: KeyedSnapshotInProgress): void {
    setImmediate(() => {
      if (this.inProgress !== s) return;
      if (s.step(SNAPSHOT_SLICE_MS)) this.endSnapshot();
      else this.writeInSlices(s);
    });
  }

  private endSnapshot(): void {
    this.inProgress = undefined;
    this.snapshotInProgress = false;
  }

  /**
   * A snapshot is written or failed: a recorded one (`writer` given) that was written is the
   * next one's copy source. Runs before anything can begin another snapshot.
   */
  private snapshotEnded(ok: boolean, writer: MsgpackWriter | undefined): void {
    const recorded = ok && writer !== undefined;
    let copied = 0;
    for (const t of this.tables.values()) {
      if (!(t instanceof StateTable)) continue;
      copied += t.copiedEntries;
      t.endSnapshot(recorded);
    }
    this.lastSnapshotCopied = copied;
    this.copySource = recorded ? new ChunkedBytes(writer.chunkViews()) : undefined;
    this.pinnedBuffers = recorded ? writer.buffers() : [];
  }

  /**
   * What a snapshot taken now holds; any snapshot still in progress is completed first.
   * `recorded`: the snapshot's bytes stay intact until the next one is written (see beginSnapshot).
   */
  private snapshotSource(recorded: boolean): SnapshotSource {
    this.completeSnapshot();
    // Expired entries are left out: removed now, before the groups are marked.
    if (this.expiring.length > 0 && this.ttlClock) this.removeExpired(this.ttlClock());
    // The tables' changes are taken at the barrier, after the sweep (which changes whole groups).
    const source = recorded ? this.copySource : undefined;
    for (const t of this.tables.values()) if (t instanceof StateTable) t.beginSnapshot(recorded, source);
    const restored = [...this.restored].map(([name, groups]) => {
      const byGroup = new Map<number, Array<[unknown, unknown]>>();
      for (const [kg, entries] of groups) if (!byGroup.has(kg)) byGroup.set(kg, entries); // the first, as snapshot() takes
      return [name, byGroup] as const;
    });
    return { tables: [...this.tables], restored, kinds: this.kinds(), rangeStart: this.range.start, groupCount: this.groupCount };
  }

  /** Bytes of the last snapshot written (a size hint for the next one's buffer). */
  get lastSnapshotSize(): number {
    return this.lastSnapshotBytes;
  }

  private kinds(): Record<string, string> {
    const kinds: Record<string, string> = Object.fromEntries(this.restoredKinds);
    for (const [name, { kind }] of this.states) kinds[name] = kind;
    return kinds;
  }

  /** Takes the key groups of this subtask's range from snapshots of any old parallelism. */
  restore(pieces: readonly KeyedStateSnapshot[]): void {
    for (const piece of pieces) {
      for (const [name, kind] of Object.entries(piece.kinds ?? {})) this.restoredKinds.set(name, kind);
      for (const [kg, states] of piece.keyGroups) {
        if (kg < this.range.start || kg > this.range.end) continue;
        for (const [name, entries] of Object.entries(states)) {
          const t = this.tables.get(name);
          if (t) {
            t.restoreGroup(kg - this.range.start, entries);
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
