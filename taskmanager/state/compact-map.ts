import type { EntrySource } from '../../common/checkpoint/msgpack-writer';
import { sameValueZero } from './same-value-zero';

/** No key: the map holds no entry in its own fields. */
const NONE = Symbol('none');

/**
 * The entries of one key's MapState. One entry is held in the object's own fields; a second
 * moves them into a Map, which the object keeps from then on. Keys compare as a Map's do
 * (SameValueZero).
 *
 * Why: most keys of a MapState hold one entry (Nexmark q8: the one window a person is in), and
 * a Map per key is two heap objects (the Map and its hash table, about 170 bytes) where this is
 * one of 40. A snapshot that writes a new entry follows a pointer per object, each usually a
 * cache miss in a heap of millions of keys, so one object fewer per key is one miss fewer per
 * entry written, besides the memory and the young-generation copying.
 */
export class CompactMap<K, V> implements EntrySource {
  private key: K | typeof NONE = NONE;
  private value: V | undefined = undefined;
  private more: Map<K, V> | undefined = undefined;

  /** A map of `entries` (a snapshot's saved form). */
  static of<K, V>(entries: ReadonlyArray<readonly [K, V]>): CompactMap<K, V> {
    const m = new CompactMap<K, V>();
    for (const [k, v] of entries) m.set(k, v);
    return m;
  }

  get size(): number {
    if (this.more !== undefined) return this.more.size;
    return this.key === NONE ? 0 : 1;
  }

  get(key: K): V | undefined {
    if (this.more !== undefined) return this.more.get(key);
    return this.key !== NONE && sameValueZero(this.key, key) ? this.value : undefined;
  }

  has(key: K): boolean {
    if (this.more !== undefined) return this.more.has(key);
    return this.key !== NONE && sameValueZero(this.key, key);
  }

  set(key: K, value: V): this {
    if (this.more !== undefined) this.more.set(key, value);
    else if (this.key === NONE) {
      // As a Map does: -0 is stored as 0.
      this.key = (key === 0 ? 0 : key) as K;
      this.value = value;
    } else if (sameValueZero(this.key, key)) this.value = value;
    else {
      this.more = new Map<K, V>([[this.key, this.value as V], [key, value]]);
      this.key = NONE;
      this.value = undefined;
    }
    return this;
  }

  delete(key: K): boolean {
    if (this.more !== undefined) return this.more.delete(key);
    if (this.key === NONE || !sameValueZero(this.key, key)) return false;
    this.key = NONE;
    this.value = undefined;
    return true;
  }

  /** `fn(value, key)` per entry, in insertion order (as Map.forEach, without the third argument). */
  forEach(fn: (value: V, key: K) => void, thisArg?: unknown): void {
    if (this.more !== undefined) this.more.forEach(fn, thisArg);
    else if (this.key !== NONE) fn.call(thisArg, this.value as V, this.key);
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    if (this.more !== undefined) return this.more[Symbol.iterator]();
    const entries: Array<[K, V]> = this.key === NONE ? [] : [[this.key, this.value as V]];
    return entries[Symbol.iterator]();
  }
}
