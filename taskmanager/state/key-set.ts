import { unaccountedFloat64Array, unaccountedInt32Array, unaccountedUint8Array } from '../../common/unaccounted-memory';

const FIRST_CAPACITY = 64;

/**
 * A set of state keys, each with a number (where TableChanges logged it), that is cheap to add
 * to: integer keys (ids, the usual keys) go into an open-addressing table of doubles, others
 * into a Map. Why: change tracking adds the key of every record that touches state
 * (TableChanges), and a Set insert cost 170 ns here (hashing into a table that is cleared and
 * grows again every checkpoint interval): 5% of a Nexmark q8 slot thread. The table keeps its
 * size across clears.
 */
export class KeySet {
  private keys: Float64Array = new Float64Array(FIRST_CAPACITY);
  private indices: Int32Array = new Int32Array(FIRST_CAPACITY);
  private used: Uint8Array = new Uint8Array(FIRST_CAPACITY);
  private mask = FIRST_CAPACITY - 1;
  private integers = 0;
  private readonly others = new Map<unknown, number>();

  get size(): number {
    return this.integers + this.others.size;
  }

  /** Adds `key` with `index` and returns -1, or returns the index it was added with before. */
  add(key: unknown, index: number): number {
    if (typeof key !== 'number' || (key | 0) !== key) {
      const before = this.others.get(key);
      if (before !== undefined) return before;
      this.others.set(key, index);
      return -1;
    }
    let i = hash(key) & this.mask;
    const keys = this.keys;
    const used = this.used;
    while (used[i] === 1) {
      if (keys[i] === key) return this.indices[i];
      i = (i + 1) & this.mask;
    }
    used[i] = 1;
    keys[i] = key;
    this.indices[i] = index;
    // At most half full: probes stay short.
    if (++this.integers * 2 > this.mask) this.grow();
    return -1;
  }

  has(key: unknown): boolean {
    if (typeof key !== 'number' || (key | 0) !== key) return this.others.has(key);
    let i = hash(key) & this.mask;
    const keys = this.keys;
    const used = this.used;
    while (used[i] === 1) {
      if (keys[i] === key) return true;
      i = (i + 1) & this.mask;
    }
    return false;
  }

  clear(): void {
    if (this.integers > 0) this.used.fill(0);
    this.integers = 0;
    this.others.clear();
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldIndices = this.indices;
    const oldUsed = this.used;
    const capacity = 2 * oldKeys.length;
    this.keys = unaccountedFloat64Array(capacity);
    this.indices = unaccountedInt32Array(capacity);
    this.used = unaccountedUint8Array(capacity);
    this.mask = capacity - 1;
    this.integers = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldUsed[i] === 1) this.add(oldKeys[i], oldIndices[i]);
  }
}

/** Spreads consecutive ids over the table (Knuth's multiplicative hash). */
function hash(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 0;
}
