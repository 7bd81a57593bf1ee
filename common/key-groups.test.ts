import { describe, it, expect } from 'vitest';
import { keyGroupForKey, keyGroupRangeForSubtask, operatorIndexForKeyGroup, hashKey } from './key-groups';

describe('key groups', () => {
  it('ranges of all subtasks partition [0, maxParallelism) contiguously', () => {
    for (const [maxP, p] of [[128, 1], [128, 2], [128, 3], [128, 7], [10, 10], [4, 3]]) {
      let next = 0;
      for (let i = 0; i < p; i++) {
        const r = keyGroupRangeForSubtask(maxP, p, i);
        expect(r.start).toBe(next);
        next = r.end + 1;
        for (let kg = r.start; kg <= r.end; kg++) expect(operatorIndexForKeyGroup(maxP, p, kg)).toBe(i);
      }
      expect(next).toBe(maxP);
    }
  });

  it('hashes keys deterministically and spreads them', () => {
    expect(hashKey('hello')).toBe(hashKey('hello'));
    expect(hashKey(['a', 1])).toBe(hashKey(['a', 1]));
    expect(hashKey(42)).not.toBe(hashKey(43));
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) counts[operatorIndexForKeyGroup(128, 4, keyGroupForKey(`key-${i}`, 128))]++;
    for (const c of counts) expect(c).toBeGreaterThan(700);
  });

  it('handles non-integer numbers, booleans, null', () => {
    for (const k of [1.5, -0.25, true, false, null, undefined, 2n ** 70n]) {
      const kg = keyGroupForKey(k, 128);
      expect(kg).toBeGreaterThanOrEqual(0);
      expect(kg).toBeLessThan(128);
    }
  });
});
