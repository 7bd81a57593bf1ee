import { keyGroupForKey, hashInt32 } from './key-groups';

// Module-local bindings: the CommonJS build reads imported bindings through getters, per record here.
const groupOf = keyGroupForKey;
const hashInt = hashInt32;

const MAX_ENTRIES = 65_536;

/**
 * Key → key group. 32-bit integers (ids: most keys) are hashed directly: murmur's finalizer
 * is a few multiplications, about what the Map lookup costs for a small integer and much less
 * than it costs for an integer held as a double (a generator's or decoder's arithmetic), and
 * ever-growing id spaces would keep missing and resetting the cache. Other strings and numbers
 * are memoised: a native Map lookup (V8 hashes strings natively) costs less than running the
 * murmur hash in JS for every record. Bounded: when it holds MAX_ENTRIES keys it starts over,
 * so high-cardinality or expiring keys cannot grow it.
 */
export class KeyGroupCache {
  private readonly cache = new Map<unknown, number>();

  constructor(private readonly maxParallelism: number) {}

  keyGroup(key: unknown): number {
    const t = typeof key;
    if (t === 'number' && ((key as number) | 0) === key) return hashInt(key as number) % this.maxParallelism;
    if (t !== 'string' && t !== 'number') return groupOf(key, this.maxParallelism);
    let kg = this.cache.get(key);
    if (kg === undefined) {
      kg = groupOf(key, this.maxParallelism);
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, kg);
    }
    return kg;
  }
}
