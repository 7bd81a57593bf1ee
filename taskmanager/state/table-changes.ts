import { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import type { ChunkedBytes } from '../../common/checkpoint/chunked-bytes';
import { KeySet } from './key-set';
import { unaccountedFloat64Array, unaccountedInt32Array } from '../../common/unaccounted-memory';

/** Where one key group's entries of a table were written: keys in order, and where each began. */
class GroupLayout {
  /** Keys in the order written; entries past `count` are stale (kept to reuse the array). */
  readonly keys: unknown[] = [];
  /** Stream position of entry j's first byte; `offsets[count]` is where the last one ended. */
  offsets: Float64Array = new Float64Array(8);
  count = 0;

  /** Room for `n` entries (a group's size is known when it is written: no growing entry by entry). */
  reserve(n: number): void {
    if (n + 1 > this.offsets.length) this.offsets = unaccountedFloat64Array(Math.ceil(1.25 * (n + 1)));
  }

  reset(): void {
    // A group that shrank a lot gives its key array back rather than holding old keys alive.
    if (this.keys.length > 2 * this.count + 1024) this.keys.length = this.count;
    this.count = 0;
  }

  add(key: unknown, offset: number): void {
    if (this.count + 1 >= this.offsets.length) this.grow();
    this.keys[this.count] = key;
    this.offsets[this.count++] = offset;
  }

  end(offset: number): void {
    if (this.count >= this.offsets.length) this.grow();
    this.offsets[this.count] = offset;
  }

  private grow(): void {
    const bigger = unaccountedFloat64Array(2 * this.offsets.length);
    bigger.set(this.offsets);
    this.offsets = bigger;
  }
}

/** Writes one fresh entry `[k, saved v]` (the table's codec decides the saved form). */
export type EntryWriter<V> = (w: MsgpackWriter, k: unknown, v: V) => void;

/** A logged key whose value was not seen by its accesses (only `contains`, or absent when read): looked up when encoded. */
const UNSEEN = Symbol('unseen');
/** A logged key removed since. */
const REMOVED = Symbol('removed');
/** First buffer of a group's entries encoded ahead (grows by chunks). */
const AHEAD_CAPACITY = 16 * 1024;

/**
 * The keys of a table touched since a snapshot, in the order first touched, with their current
 * values. Its arrays are kept across snapshots (two logs take turns) and only grow: a log of
 * Nexmark q8 holds about a million keys per checkpoint interval, and arrays built again by
 * `push` every interval left three times their size (the copies as they grew) of old-generation
 * garbage per interval, which made V8 mark the slot's whole heap more often.
 */
class ChangeLog {
  groups: Int32Array = new Int32Array(1024);
  readonly keys: unknown[] = [];
  readonly values: unknown[] = [];
  length = 0;

  push(group: number, key: unknown): number {
    const i = this.length++;
    if (i === this.groups.length) {
      const bigger = unaccountedInt32Array(2 * i);
      bigger.set(this.groups);
      this.groups = bigger;
    }
    this.groups[i] = group;
    // In place below the high-water mark (the arrays keep their length when cleared).
    if (i < this.keys.length) {
      this.keys[i] = key;
      this.values[i] = UNSEEN;
    } else {
      this.keys.push(key);
      this.values.push(UNSEEN);
    }
    return i;
  }

  /** Drops the entries and the references to the keys and values they held (keeping the arrays). */
  clear(): void {
    // A log that held far more keys once than now gives the rest back.
    if (this.keys.length > 4 * this.length + 1024) {
      this.keys.length = this.length;
      this.values.length = this.length;
    }
    this.keys.fill(undefined, 0, this.length);
    this.values.fill(undefined, 0, this.length);
    this.length = 0;
  }
}

/**
 * What changed in one StateTable since the last snapshot, and where that snapshot wrote each
 * entry. The next snapshot writes a group as the entries that did not change, copied from
 * the previous snapshot's bytes (one copy per run), followed by the entries that did, encoded
 * ahead: when the snapshot begins to be written, every changed entry of the table is encoded,
 * into its group's own buffer, in the order the keys were first touched. Only the order and
 * the work differ from a full encode: a group's entries are the same [key, value] pairs, and
 * a restore does not depend on their order.
 *
 * Why in that order: a snapshot of Nexmark q8 spent 0.7-0.9 µs per new entry in the
 * TaskManager, waiting for memory: each entry's MapState, value object and name string were
 * allocated when its record was processed, so walking a group (one key in 64 of the
 * subtask's, spread over the whole interval) touched a new cache line and page per object.
 * Encoding the same entries in the order they were touched visits them in about the order
 * they were allocated: 0.36 µs against 0.69-0.92 in an in-process heap of 1.2M such keys.
 * The log keeps each key's value as its accesses saw it (a value read may be changed in
 * place, which the reference follows), so encoding it needs no lookup.
 *
 * A key counts as changed when it is accessed at all, and a whole group when it is changed
 * other than through the current key (TTL sweeps, restores); such a group is encoded whole.
 * A group whose entries do not add up to its size (a change that was not marked) fails the
 * snapshot instead of writing stale bytes.
 */
export class TableChanges {
  /** Keys accessed since the snapshot that began last, per group, each with its index in `log`. */
  changed: KeySet[];
  /** The same keys in the order first accessed, with their values. */
  private log = new ChangeLog();
  /** Groups changed other than by key since then: written whole. */
  wholeGroups: Uint8Array;
  private frozen: KeySet[];
  private frozenLog = new ChangeLog();
  private frozenWhole: Uint8Array;
  private previous: GroupLayout[];
  private next: GroupLayout[];
  /** The previous layout describes `source` completely (the last snapshot was recorded and finished). */
  private layoutValid = false;
  /** Every entry of the table is in the log (nothing to copy: the next snapshot encodes all from it). */
  private everyEntryLogged: boolean;
  /** The bytes the snapshot in progress copies from (undefined: it encodes every entry). */
  private source: ChunkedBytes | undefined;
  /** The snapshot in progress writes groups from copies and the log (else it encodes each group whole). */
  private fromLog = false;
  private encodedAhead = false;
  /** Per group, the changed entries encoded ahead and where each begins in them. */
  private ahead: Array<MsgpackWriter | undefined>;
  /**
   * Per group, the buffers its entries were encoded ahead into last time, written into again
   * (copied into the snapshot, they are free once its group is written): fresh buffers per
   * snapshot paid their page faults as they were first written.
   */
  private aheadSpares: Array<Buffer[] | undefined>;
  private aheadLayouts: GroupLayout[];
  /** A snapshot is being written and recorded. */
  writing = false;
  /** It copies from the previous one (it is not the first recorded). */
  copying = false;
  /** Entries the snapshot in progress copied and encoded (to tell whether tracking pays). */
  copied = 0;
  encoded = 0;

  /**
   * `everyEntryLogged`: every entry the table holds will be in the log (it is empty, or the
   * caller logs each of its entries now), so the first snapshot can encode them all from it.
   */
  constructor(groupCount: number, everyEntryLogged: boolean) {
    const sets = (): KeySet[] => Array.from({ length: groupCount }, () => new KeySet());
    const layouts = (): GroupLayout[] => Array.from({ length: groupCount }, () => new GroupLayout());
    this.changed = sets();
    this.frozen = sets();
    this.wholeGroups = new Uint8Array(groupCount);
    this.frozenWhole = new Uint8Array(groupCount);
    this.previous = layouts();
    this.next = layouts();
    this.aheadLayouts = layouts();
    this.ahead = new Array(groupCount).fill(undefined);
    this.aheadSpares = new Array(groupCount).fill(undefined);
    this.everyEntryLogged = everyEntryLogged;
  }

  /** Marks `key` of group `group` changed; returns its place in the log (for `seen` and `removed`). */
  mark(group: number, key: unknown): number {
    const i = this.changed[group].add(key, this.log.length);
    return i >= 0 ? i : this.log.push(group, key);
  }

  /** The key logged at `i` holds `value` (read or written). */
  seen(i: number, value: unknown): void {
    this.log.values[i] = value;
  }

  /** The key logged at `i` was removed. */
  removed(i: number): void {
    this.log.values[i] = REMOVED;
  }

  /**
   * A snapshot begins (at the barrier): the changes so far are what it must encode, and
   * `source` (the previous snapshot's bytes, when there is one to copy from) what it copies.
   */
  begin(source: ChunkedBytes | undefined): void {
    const done = this.frozen;
    for (const s of done) s.clear();
    this.frozen = this.changed;
    this.changed = done;
    this.frozenLog.clear();
    const log = this.frozenLog;
    this.frozenLog = this.log;
    this.log = log;
    const doneWhole = this.frozenWhole;
    doneWhole.fill(0);
    this.frozenWhole = this.wholeGroups;
    this.wholeGroups = doneWhole;
    this.source = this.layoutValid ? source : undefined;
    this.copying = this.source !== undefined;
    this.fromLog = this.copying || this.everyEntryLogged;
    this.everyEntryLogged = false;
    this.encodedAhead = false;
    for (const l of this.next) l.reset();
    this.writing = true;
    this.copied = 0;
    this.encoded = 0;
  }

  /** The snapshot is written (`ok`) or failed: its layout is the next one's copy source only if written. */
  end(ok: boolean): void {
    if (ok) {
      const old = this.previous;
      this.previous = this.next;
      this.next = old;
    }
    this.layoutValid = ok;
    this.source = undefined;
    this.writing = false;
    this.ahead.fill(undefined);
    this.frozenLog.clear();
  }

  /**
   * Encodes the changed entries of every group, in the order their keys were first touched.
   * Called before any group of the snapshot is written (none has changed since the barrier).
   */
  encodeAhead<V>(groups: ReadonlyArray<ReadonlyMap<unknown, V>>, writeEntry: EntryWriter<V>): void {
    if (!this.writing || !this.fromLog || this.encodedAhead) return;
    this.encodedAhead = true;
    const log = this.frozenLog;
    const whole = this.frozenWhole;
    for (let i = 0; i < log.length; i++) {
      const g = log.groups[i];
      if (whole[g] === 1) continue;
      const k = log.keys[i];
      let v = log.values[i];
      if (v === REMOVED) continue;
      if (v === UNSEEN) {
        const m = groups[g];
        if (!m.has(k)) continue;
        v = m.get(k);
      }
      let w = this.ahead[g];
      if (w === undefined) {
        w = this.ahead[g] = MsgpackWriter.reusing(this.aheadSpares[g], AHEAD_CAPACITY);
        this.aheadSpares[g] = undefined;
        this.aheadLayouts[g].reset();
      }
      this.aheadLayouts[g].add(k, w.length);
      writeEntry(w, k, v as V);
    }
    log.clear();
  }

  /** Writes group `index` of `map`: copies of the entries that did not change, then those encoded ahead. */
  writeGroup<V>(index: number, map: ReadonlyMap<unknown, V>, w: MsgpackWriter, writeEntry: EntryWriter<V>): void {
    const next = this.next[index];
    next.reserve(map.size);
    w.arrayHeader(map.size);
    if (!this.fromLog || this.frozenWhole[index] === 1) {
      map.forEach((v, k) => {
        next.add(k, w.length);
        writeEntry(w, k, v);
      });
      next.end(w.length);
      this.encoded += map.size;
      return;
    }
    if (this.copying) this.copyUnchanged(index, w);
    this.copied += next.count;
    const ahead = this.ahead[index];
    if (ahead !== undefined) {
      const base = w.length;
      for (const chunk of ahead.chunkViews()) w.rawPart(chunk, 0, chunk.byteLength);
      const l = this.aheadLayouts[index];
      for (let j = 0; j < l.count; j++) next.add(l.keys[j], base + l.offsets[j]);
      this.encoded += l.count;
      this.ahead[index] = undefined;
      this.aheadSpares[index] = ahead.buffers();
    }
    next.end(w.length);
    if (next.count !== map.size)
      throw new Error(`internal error: state table group ${index} holds ${map.size} entries but its snapshot ${next.count} (a change was not marked)`);
  }

  /** The previous snapshot's entries of group `index` not changed since, copied in runs. */
  private copyUnchanged(index: number, w: MsgpackWriter): void {
    const prev = this.previous[index];
    const next = this.next[index];
    const changed = this.frozen[index];
    const source = this.source!;
    let runFrom = -1;
    let runTo = -1;
    let runAt = 0;
    for (let j = 0; j < prev.count; j++) {
      const k = prev.keys[j];
      if (changed.has(k)) continue;
      const from = prev.offsets[j];
      if (runTo !== from) {
        if (runTo > runFrom) source.copyTo(w, runFrom, runTo);
        runFrom = from;
        runAt = w.length;
      }
      next.add(k, runAt + (from - runFrom));
      runTo = prev.offsets[j + 1];
    }
    if (runTo > runFrom) source.copyTo(w, runFrom, runTo);
  }
}
