import type { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import type { ChunkedBytes } from '../../common/checkpoint/chunked-bytes';
import { KeySet } from './key-set';
import { sameValueZero } from './same-value-zero';
import { unaccountedFloat64Array } from '../../common/unaccounted-memory';

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

/**
 * What changed in one StateTable since the last snapshot, and where that snapshot wrote each
 * entry: the next snapshot copies the bytes of every entry that was not touched since (one
 * copy per run of such entries) and encodes only the others. The bytes are the same as a
 * full encode's; only the work differs. Why: a snapshot of Nexmark q8 walked 1.8 µs per key in
 * the TaskManager (each key's Map, value object and name string, allocated at different
 * times, waited for from memory), and between two checkpoints most of its keys do not change.
 *
 * A key counts as changed when it is accessed at all (read or written: a value read may be
 * changed in place, a MapState's Map for one), and a whole group when it is changed other than
 * through the current key (TTL sweeps, restores). Entries of a group keep their relative order
 * in its Map unless deleted (and re-added at the end), so the untouched keys come in the same
 * order in the old layout and the new Map: the walk pairs them up without a lookup, and a
 * mismatch (a change that was not marked) fails the snapshot instead of writing stale bytes.
 */
export class TableChanges {
  /** Keys accessed since the snapshot that began last, per group (marked by StateTable). */
  changed: KeySet[];
  /** Groups changed other than by key since then: written whole. */
  wholeGroups: Uint8Array;
  private frozen: KeySet[];
  private frozenWhole: Uint8Array;
  private previous: GroupLayout[];
  private next: GroupLayout[];
  /** The previous layout describes `source` completely (the last snapshot was recorded and finished). */
  private layoutValid = false;
  /** The bytes the snapshot in progress copies from (undefined: it encodes every entry). */
  private source: ChunkedBytes | undefined;
  /** A snapshot is being written and recorded. */
  writing = false;
  /** It copies from the previous one (it is not the first recorded). */
  copying = false;
  /** Entries the snapshot in progress copied and encoded (to tell whether tracking pays). */
  copied = 0;
  encoded = 0;

  constructor(groupCount: number) {
    const sets = (): KeySet[] => Array.from({ length: groupCount }, () => new KeySet());
    const layouts = (): GroupLayout[] => Array.from({ length: groupCount }, () => new GroupLayout());
    this.changed = sets();
    this.frozen = sets();
    this.wholeGroups = new Uint8Array(groupCount);
    this.frozenWhole = new Uint8Array(groupCount);
    this.previous = layouts();
    this.next = layouts();
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
    const doneWhole = this.frozenWhole;
    doneWhole.fill(0);
    this.frozenWhole = this.wholeGroups;
    this.wholeGroups = doneWhole;
    this.source = this.layoutValid ? source : undefined;
    this.copying = this.source !== undefined;
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
  }

  /** Writes group `index` of `map` (an array of entries), copying the entries that did not change. */
  writeGroup<V>(index: number, map: ReadonlyMap<unknown, V>, w: MsgpackWriter, writeEntry: EntryWriter<V>): void {
    const next = this.next[index];
    const source = this.source;
    const prev = source !== undefined && this.frozenWhole[index] === 0 ? this.previous[index] : undefined;
    const changed = this.frozen[index];
    next.reserve(map.size);
    w.arrayHeader(map.size);
    let j = 0;
    let runFrom = -1;
    let runTo = -1;
    let runAt = 0;
    let copied = 0;
    map.forEach((v, k) => {
      if (prev !== undefined && !changed.has(k)) {
        // Entries of the old layout before this one were changed (or deleted): skip them.
        while (j < prev.count && prev.keys[j] !== k && changed.has(prev.keys[j])) j++;
        if (j >= prev.count || !sameValueZero(prev.keys[j], k))
          throw new Error(`internal error: state table entry ${String(k)} was changed without being marked (snapshot layouts disagree)`);
        const from = prev.offsets[j];
        if (runTo !== from) {
          if (runTo > runFrom) source!.copyTo(w, runFrom, runTo);
          runFrom = from;
          runAt = w.length;
        }
        next.add(k, runAt + (from - runFrom));
        runTo = prev.offsets[j + 1];
        j++;
        copied++;
        return;
      }
      if (runTo > runFrom) source!.copyTo(w, runFrom, runTo);
      runFrom = runTo = -1;
      next.add(k, w.length);
      writeEntry(w, k, v);
    });
    if (runTo > runFrom) source!.copyTo(w, runFrom, runTo);
    next.end(w.length);
    this.copied += copied;
    this.encoded += map.size - copied;
  }
}
