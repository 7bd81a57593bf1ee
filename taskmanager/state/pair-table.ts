import type { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import type { CurrentKeySource, KeyedTable } from './state-table';

/**
 * How a pair table's values look in snapshots: 'flat' `[a0, b0, a1, b1, ...]` (timers), or
 * 'pairs' `[[a0, b0], [a1, b1], ...]` (panes, as they were saved when a Map held them). Either
 * way the bytes are those of the plain arrays the table held before it packed them.
 */
export type PairForm = 'flat' | 'pairs';

const NO_SLOT = -1;
const FIRST_SLOTS = 16;

/**
 * A keyed table whose value per key is a short list of pairs (a, b) sorted by a: a key's
 * timers (timestamp, namespace) or its panes (start, accumulator). Most keys hold a single
 * pair of numbers; such a pair is packed into a Float64Array of its key group, at a slot the
 * group's Map holds as a small integer. Keys with several pairs, or a `b` that is not a number,
 * keep a flat array `[a0, b0, a1, b1, ...]` in a second Map.
 *
 * Why: a snapshot walks every entry key group by key group. A value that is an array of its
 * own was allocated when its key arrived, interleaved with every other group's, so walking one
 * group's values missed the caches and the TLB at each entry: 80-95 ns per entry for that
 * load alone in an in-process Nexmark q5 heap (1.8M keys), against 11 ns for a Map's keys and
 * small-integer values, which sit in the Map's own table in insertion order. Packed, a group's
 * pairs are read from one array in slot order; the q5 window operator has two such tables
 * (panes and timers), every key in both.
 *
 * Accessors work on a cursor: `seek()` finds the backend's current key (settling its group
 * first while a snapshot is being written, as StateTable does), then pairCount, a, b, setB,
 * insert and removeAt act on that key without another lookup. A cursor is valid until the
 * next seek on this table.
 */
export class PairTable implements KeyedTable {
  private readonly slots: Array<Map<unknown, number>>;
  private readonly wide: Array<Map<unknown, unknown[]>>;
  private readonly data: Float64Array[];
  /** Slots handed out per group so far (the free lists hold those given back). */
  private readonly highWater: Int32Array;
  private readonly free: number[][];
  private g = 0;
  private key: unknown = undefined;
  private slot = NO_SLOT;
  private arr: unknown[] | undefined = undefined;

  constructor(
    readonly name: string,
    private readonly backend: CurrentKeySource,
    groupCount: number,
    readonly form: PairForm,
  ) {
    this.slots = Array.from({ length: groupCount }, () => new Map<unknown, number>());
    this.wide = Array.from({ length: groupCount }, () => new Map<unknown, unknown[]>());
    this.data = Array.from({ length: groupCount }, () => new Float64Array(2 * FIRST_SLOTS));
    this.highWater = new Int32Array(groupCount);
    this.free = Array.from({ length: groupCount }, () => []);
  }

  /** Points the cursor at the current key; true when it holds pairs. */
  seek(): boolean {
    const b = this.backend;
    const g = b.currentGroupIndex;
    if (b.snapshotInProgress) b.settleGroup(g);
    const key = b.currentStateKey;
    this.g = g;
    this.key = key;
    const slot = this.slots[g].get(key);
    if (slot !== undefined) {
      this.slot = slot;
      this.arr = undefined;
      return true;
    }
    this.slot = NO_SLOT;
    const wide = this.wide[g];
    this.arr = wide.size === 0 ? undefined : wide.get(key);
    return this.arr !== undefined;
  }

  /** Pairs of the key at the cursor (0 once its last pair is removed). */
  get pairCount(): number {
    if (this.slot !== NO_SLOT) return 1;
    return this.arr === undefined ? 0 : this.arr.length >> 1;
  }

  a(i: number): number {
    return this.slot !== NO_SLOT ? this.data[this.g][2 * this.slot] : (this.arr![2 * i] as number);
  }

  b(i: number): unknown {
    return this.slot !== NO_SLOT ? this.data[this.g][2 * this.slot + 1] : this.arr![2 * i + 1];
  }

  setB(i: number, value: unknown): void {
    if (this.slot !== NO_SLOT) {
      if (typeof value === 'number') {
        this.data[this.g][2 * this.slot + 1] = value;
        return;
      }
      this.widen();
    }
    this.arr![2 * i + 1] = value;
  }

  /** Inserts (a, b) before pair `i` of the key at the cursor, which holds pairs. */
  insert(i: number, a: number, b: unknown): void {
    if (this.slot !== NO_SLOT) this.widen();
    this.arr!.splice(2 * i, 0, a, b);
  }

  /** Gives the key at the cursor, which holds no pairs, its first pair. */
  add(a: number, b: unknown): void {
    if (typeof b === 'number') this.pack(a, b);
    else this.wide[this.g].set(this.key, (this.arr = [a, b]));
  }

  /** Removes pair `i` of the key at the cursor; the key goes with its last pair. */
  removeAt(i: number): void {
    if (this.slot !== NO_SLOT) {
      this.unpack();
      return;
    }
    const arr = this.arr!;
    arr.splice(2 * i, 2);
    if (arr.length === 0) {
      this.wide[this.g].delete(this.key);
      this.arr = undefined;
    } else if (arr.length === 2 && typeof arr[1] === 'number') {
      this.wide[this.g].delete(this.key);
      this.arr = undefined;
      this.pack(arr[0] as number, arr[1]);
    }
  }

  get size(): number {
    let n = 0;
    for (let g = 0; g < this.slots.length; g++) n += this.groupSize(g);
    return n;
  }

  groupSize(index: number): number {
    return this.slots[index].size + this.wide[index].size;
  }

  /** Every key's pairs, group by group (packed keys first): (state key, a, b) per pair. */
  forEachPair(fn: (stateKey: unknown, a: number, b: unknown) => void): void {
    for (let g = 0; g < this.slots.length; g++) {
      const d = this.data[g];
      this.slots[g].forEach((s, k) => fn(k, d[2 * s], d[2 * s + 1]));
      this.wide[g].forEach((arr, k) => {
        for (let i = 0; i + 1 < arr.length; i += 2) fn(k, arr[i] as number, arr[i + 1]);
      });
    }
  }

  snapshotGroup(index: number): Array<[unknown, unknown]> {
    const out: Array<[unknown, unknown]> = [];
    const d = this.data[index];
    const nested = this.form === 'pairs';
    this.slots[index].forEach((s, k) => out.push([k, nested ? [[d[2 * s], d[2 * s + 1]]] : [d[2 * s], d[2 * s + 1]]]));
    this.wide[index].forEach((arr, k) => out.push([k, nested ? toPairs(arr) : arr]));
    return out;
  }

  writeGroup(index: number, w: MsgpackWriter): void {
    const d = this.data[index];
    const nested = this.form === 'pairs';
    w.arrayHeader(this.groupSize(index));
    w.numberPairEntries(this.slots[index], d, nested);
    this.wide[index].forEach((arr, k) => {
      w.arrayHeader(2);
      w.value(k);
      if (nested) w.flatPairs(arr);
      else w.value(arr);
    });
  }

  restoreGroup(index: number, entries: ReadonlyArray<[unknown, unknown]>): void {
    // The cursor is used to place each entry; it points nowhere afterwards.
    this.g = index;
    for (const [k, v] of entries) {
      this.key = k;
      this.dropKey();
      const flat = this.form === 'pairs' ? fromPairs(v as Array<[number, unknown]>) : (v as unknown[]).slice();
      if (flat.length === 0) continue;
      if (flat.length === 2 && typeof flat[1] === 'number') this.pack(flat[0] as number, flat[1]);
      else this.wide[index].set(k, flat);
    }
    this.key = undefined;
    this.slot = NO_SLOT;
    this.arr = undefined;
  }

  private pack(a: number, b: number): void {
    const g = this.g;
    let s = this.free[g].pop();
    if (s === undefined) {
      s = this.highWater[g]++;
      if (2 * s + 1 >= this.data[g].length) {
        const grown = new Float64Array(2 * this.data[g].length);
        grown.set(this.data[g]);
        this.data[g] = grown;
      }
    }
    const d = this.data[g];
    d[2 * s] = a;
    d[2 * s + 1] = b;
    this.slots[g].set(this.key, s);
    this.slot = s;
    this.arr = undefined;
  }

  private unpack(): void {
    this.slots[this.g].delete(this.key);
    this.free[this.g].push(this.slot);
    this.slot = NO_SLOT;
  }

  /** The packed pair at the cursor becomes a flat array (a second pair, or a b that is not a number). */
  private widen(): void {
    const d = this.data[this.g];
    const arr: unknown[] = [d[2 * this.slot], d[2 * this.slot + 1]];
    this.unpack();
    this.wide[this.g].set(this.key, arr);
    this.arr = arr;
  }

  private dropKey(): void {
    const s = this.slots[this.g].get(this.key);
    if (s !== undefined) {
      this.slot = s;
      this.unpack();
    }
    this.wide[this.g].delete(this.key);
  }
}

function toPairs(flat: readonly unknown[]): Array<[unknown, unknown]> {
  const out: Array<[unknown, unknown]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

/** Saved [[a, b], ...] in any order to a flat array sorted by a. */
function fromPairs(pairs: ReadonlyArray<[number, unknown]>): unknown[] {
  const flat: unknown[] = [];
  for (const [a, b] of pairs.slice().sort((x, y) => x[0] - y[0])) flat.push(a, b);
  return flat;
}
