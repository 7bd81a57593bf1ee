import { describe, it, expect } from 'vitest';
import { createChannelSelector } from './partitioners';
import { keyGroupForKey, keyGroupRangeForSubtask } from '../../common/key-groups';

describe('partitioners', () => {
  it('forward keeps the producer index', () => {
    const s = createChannelSelector('forward', 3, 2, 128, undefined);
    expect([s.select(1), s.select(2)]).toEqual([2, 2]);
    expect(() => createChannelSelector('forward', 2, 2, 128, undefined)).toThrow();
  });

  it('rebalance round-robins starting at the producer index', () => {
    const s = createChannelSelector('rebalance', 3, 1, 128, undefined);
    expect([0, 1, 2, 3, 4].map(() => s.select(null))).toEqual([1, 2, 0, 1, 2]);
  });

  it('hash sends a key to the subtask owning its key group', () => {
    const s = createChannelSelector('hash', 3, 0, 128, (r) => (r as [string])[0]);
    for (let i = 0; i < 200; i++) {
      const key = `k${i}`;
      const target = s.select([key]);
      const range = keyGroupRangeForSubtask(128, 3, target);
      const kg = keyGroupForKey(key, 128);
      expect(kg >= range.start && kg <= range.end).toBe(true);
    }
  });

  it('broadcast is handled by the writer', () => {
    expect(createChannelSelector('broadcast', 3, 0, 128, undefined).select(1)).toBe(-1);
  });
});
