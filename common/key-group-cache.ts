import { keyGroupForKey } from './key-groups';

const MAX_ENTRIES = 65_536;

/**
 * Key → key group, memoised for strings and numbers: a native Map lookup (V8 hashes strings
 * natively) costs less than running the murmur hash in JS for every record. Bounded: when it
 * holds MAX_ENTRIES keys it starts over, so high-cardinality or expiring keys cannot grow it.
 */
export class KeyGroupCache {
  private readonly cache = new Map<unknown, number>();

  constructor(private readonly maxParallelism: number) {}

  keyGroup(key: unknown): number {
    const t = typeof key;
    if (t !== 'string' && t !== 'number') return keyGroupForKey(key, this.maxParallelism);
    let kg = this.cache.get(key);
    if (kg === undefined) {
      kg = keyGroupForKey(key, this.maxParallelism);
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(key, kg);
    }
    return kg;
  }
}
