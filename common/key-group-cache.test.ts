import { describe, it, expect } from 'vitest';
import { KeyGroupCache } from './key-group-cache';
import { keyGroupForKey } from './key-groups';

describe('KeyGroupCache', () => {
  it('answers exactly what the hash answers, for cached and uncached key types', () => {
    const cache = new KeyGroupCache(128);
    const keys: unknown[] = ['a', 'word42', 7, -3, 0, -0, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 40, 1.5, NaN, ['x', 1], { k: 'v' }, true, null];
    for (let round = 0; round < 2; round++) for (const k of keys) expect(cache.keyGroup(k)).toBe(keyGroupForKey(k, 128));
  });

  it('stays bounded however many distinct keys pass through', () => {
    const cache = new KeyGroupCache(64);
    for (let i = 0; i < 200_000; i++) expect(cache.keyGroup(`k${i}`)).toBe(keyGroupForKey(`k${i}`, 64));
    expect((cache as unknown as { cache: Map<unknown, number> }).cache.size).toBeLessThanOrEqual(65_536);
  });
});
