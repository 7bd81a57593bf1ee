import { describe, it, expect } from 'vitest';
import { KeySet } from './key-set';

describe('KeySet', () => {
  it('holds what a Map holds when each key keeps the first index it was added with, for integer and other keys, across growth and clears', () => {
    const s = new KeySet();
    const reference = new Map<unknown, number>();
    const keys: unknown[] = [];
    for (let i = 0; i < 5000; i++) keys.push(i * 7, -i, i * 1024, `k${i}`, i + 0.5);
    keys.push(NaN, -0, 2 ** 31, -(2 ** 31), Number.MAX_SAFE_INTEGER, '\u0000["composite"]', true, null);
    for (let round = 0; round < 3; round++) {
      for (const [i, k] of keys.entries()) {
        if ((i + round) % 3 === 0) continue;
        const first = s.add(k, i);
        expect(first).toBe(reference.get(k) ?? -1);
        expect(s.add(k, i + 1)).toBe(reference.get(k) ?? i);
        if (!reference.has(k)) reference.set(k, i);
      }
      expect(s.size).toBe(reference.size);
      for (const k of [...keys, 1, 3, 'k-1', 0.25, undefined]) expect(s.has(k)).toBe(reference.has(k));
      expect(s.has(0)).toBe(reference.has(-0)); // SameValueZero, as a Map's keys
      s.clear();
      reference.clear();
      expect(s.size).toBe(0);
      expect(s.has(7)).toBe(false);
    }
  });
});
