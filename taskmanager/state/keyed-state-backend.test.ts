import { describe, it, expect } from 'vitest';
import { KeyedStateBackend, type KeyedStateSnapshot } from './keyed-state-backend';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';

function ownerOf(key: unknown, maxP: number, p: number): number {
  return operatorIndexForKeyGroup(maxP, p, keyGroupForKey(key, maxP));
}

describe('KeyedStateBackend', () => {
  it('records state kinds in snapshots and refuses a restored state used as another kind', () => {
    const a = new KeyedStateBackend(128, 1, 0);
    a.setCurrentKey('k');
    a.getValueState<number>('count').update(3);
    const snap = a.snapshot();
    expect(snap.kinds).toEqual({ count: 'value' });

    const same = new KeyedStateBackend(128, 1, 0);
    same.restore([snap]);
    same.setCurrentKey('k');
    expect(same.getValueState<number>('count').value()).toBe(3);

    const other = new KeyedStateBackend(128, 1, 0);
    other.restore([snap]);
    expect(() => other.state('count', 'map', () => ({}))).toThrow(/State 'count' was restored as a value state but is now used as a map state/);
    // a state never registered keeps its recorded kind into the next snapshot
    expect(other.snapshot().kinds).toEqual({ count: 'value' });
    // snapshots written before kinds were recorded restore as before
    const old = new KeyedStateBackend(128, 1, 0);
    old.restore([{ keyGroups: snap.keyGroups }]);
    expect(() => old.state('count', 'map', () => ({}))).not.toThrow();
  });

  it('keeps values per key and refuses keys outside its key groups', () => {
    const b = new KeyedStateBackend(128, 2, 0);
    const state = b.getValueState<number>('count');
    const mine = Array.from({ length: 50 }, (_, i) => `k${i}`).filter((k) => ownerOf(k, 128, 2) === 0);
    const foreign = Array.from({ length: 50 }, (_, i) => `k${i}`).find((k) => ownerOf(k, 128, 2) === 1)!;
    for (const k of mine) {
      b.setCurrentKey(k);
      state.update((state.value() ?? 0) + 1);
    }
    b.setCurrentKey(mine[0]);
    expect(state.value()).toBe(1);
    expect(() => b.setCurrentKey(foreign)).toThrow(/does not belong/);
    expect(b.size).toBe(mine.length);
  });

  it('indexes composite keys by value, not identity', () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const s = b.getValueState<string>('v');
    b.setCurrentKey(['a', 1]);
    s.update('x');
    b.setCurrentKey(['a', 1]);
    expect(s.value()).toBe('x');
  });

  it('snapshots per key group and restores at another parallelism', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `key-${i}`);
    // parallelism 2: fill both subtasks
    const snapshots: KeyedStateSnapshot[] = [];
    for (let sub = 0; sub < 2; sub++) {
      const b = new KeyedStateBackend(128, 2, sub);
      const s = b.getValueState<number>('n');
      for (const [i, k] of keys.entries()) {
        if (ownerOf(k, 128, 2) !== sub) continue;
        b.setCurrentKey(k);
        s.update(i);
      }
      snapshots.push(structuredClone(b.snapshot()));
    }
    // restore at parallelism 3: every key lands in exactly one new subtask with its value
    let restored = 0;
    for (let sub = 0; sub < 3; sub++) {
      const b = new KeyedStateBackend(128, 3, sub);
      b.restore(snapshots);
      const s = b.getValueState<number>('n');
      for (const [i, k] of keys.entries()) {
        if (ownerOf(k, 128, 3) !== sub) continue;
        b.setCurrentKey(k);
        expect(s.value()).toBe(i);
        restored++;
      }
      expect(b.size).toBe(keys.filter((k) => ownerOf(k, 128, 3) === sub).length);
    }
    expect(restored).toBe(keys.length);
  });

  it('keeps restored state of states not yet registered in the next snapshot', () => {
    const a = new KeyedStateBackend(8, 1, 0);
    const s = a.getValueState<number>('late');
    a.setCurrentKey('x');
    s.update(5);
    const b = new KeyedStateBackend(8, 1, 0);
    b.restore([a.snapshot()]);
    const c = new KeyedStateBackend(8, 1, 0);
    c.restore([b.snapshot()]);
    const s2 = c.getValueState<number>('late');
    c.setCurrentKey('x');
    expect(s2.value()).toBe(5);
  });
});
