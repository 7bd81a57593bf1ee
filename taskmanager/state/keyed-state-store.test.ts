import { describe, it, expect } from 'vitest';
import { KeyedStateBackend, type KeyedStateSnapshot } from './keyed-state-backend';
import { KeyedStateStore } from './keyed-state-store';
import { StateTtlConfig, ValueStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, AggregatingStateDescriptor } from '../../api/state-descriptors';
import { decodeValue, encodeValue } from '../../common/record-codec';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';

function store(now = { t: 0 }, p = 1, sub = 0) {
  const backend = new KeyedStateBackend(128, p, sub);
  return { backend, store: new KeyedStateStore(backend, () => now.t), now };
}

const avg = {
  createAccumulator: () => [0, 0] as [number, number],
  add: (v: number, acc: [number, number]): [number, number] => [acc[0] + v, acc[1] + 1],
  getResult: (acc: [number, number]) => acc[0] / acc[1],
};

describe('keyed state kinds', () => {
  it('value state: per key, default value, same object for the same name, kind conflicts refused', () => {
    const { backend, store: s } = store();
    const v = s.getValueState(new ValueStateDescriptor('v', 0));
    expect(s.getValueState('v')).toBe(v);
    backend.setCurrentKey('a');
    expect(v.value()).toBe(0);
    v.update(3);
    backend.setCurrentKey('b');
    expect(v.value()).toBe(0);
    backend.setCurrentKey('a');
    expect(v.value()).toBe(3);
    v.clear();
    expect(v.value()).toBe(0);
    expect(() => s.getListState('v')).toThrow(/value state/);
  });

  it('list state appends in place; map state compares composite keys by value', () => {
    const { backend, store: s } = store();
    const l = s.getListState<number>(new ListStateDescriptor('l'));
    const m = s.getMapState<unknown, string>('m');
    backend.setCurrentKey(1);
    expect(l.get()).toEqual([]);
    l.add(1);
    l.addAll([2, 3]);
    expect(l.get()).toEqual([1, 2, 3]);
    l.update([9]);
    expect(l.get()).toEqual([9]);
    m.put(['x', 1], 'a');
    m.put('k', 'b');
    expect(m.get(['x', 1])).toBe('a');
    expect(m.contains('k')).toBe(true);
    expect([...m.entries()]).toEqual([[['x', 1], 'a'], ['k', 'b']]);
    m.remove('k');
    expect([...m.keys()]).toEqual([['x', 1]]);
    m.remove(['x', 1]);
    expect(m.isEmpty()).toBe(true);
    l.clear();
    expect(backend.size).toBe(0); // empty state releases its key
  });

  it('reducing and aggregating state fold every add', () => {
    const { backend, store: s } = store();
    const r = s.getReducingState('sum', (a: number, b: number) => a + b);
    const a = s.getAggregatingState(new AggregatingStateDescriptor('avg', avg));
    expect(s.getReducingState(new ReducingStateDescriptor('sum', (x: number, y: number) => x * y))).toBe(r); // by name
    backend.setCurrentKey('k');
    for (const v of [1, 2, 3, 6]) {
      r.add(v);
      a.add(v);
    }
    expect(r.get()).toBe(12);
    expect(a.get()).toBe(3);
  });

  it('every kind survives msgpack snapshots and restores at another parallelism', () => {
    const keys = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? [i, 'c'] : `key${i}`));
    const { backend, store: s } = store();
    const fill = (st: KeyedStateStore) => ({
      v: st.getValueState<number>('v'),
      l: st.getListState<number>('l'),
      m: st.getMapState<string, number>('m'),
      r: st.getReducingState('r', (a: number, b: number) => a + b),
      a: st.getAggregatingState('a', avg),
    });
    const st = fill(s);
    keys.forEach((k, i) => {
      backend.setCurrentKey(k);
      st.v.update(i);
      st.l.addAll([i, i + 1]);
      st.m.put(`e${i}`, i);
      st.r.add(i);
      st.r.add(1);
      st.a.add(i);
      st.a.add(i + 2);
    });
    const snap = decodeValue<KeyedStateSnapshot>(encodeValue(backend.snapshot()));
    let seen = 0;
    for (let sub = 0; sub < 2; sub++) {
      const b = new KeyedStateBackend(128, 2, sub);
      b.restore([snap]);
      const t = fill(new KeyedStateStore(b, () => 0));
      keys.forEach((k, i) => {
        if (operatorIndexForKeyGroup(128, 2, keyGroupForKey(k, 128)) !== sub) return;
        b.setCurrentKey(k);
        expect(t.v.value()).toBe(i);
        expect(t.l.get()).toEqual([i, i + 1]);
        expect([...t.m.entries()]).toEqual([[`e${i}`, i]]);
        expect(t.r.get()).toBe(i + 1);
        expect(t.a.get()).toBe(i + 1);
        seen++;
      });
    }
    expect(seen).toBe(keys.length);
  });

  it('TTL: expired values are not returned; OnReadAndWrite extends; ReturnExpiredIfNotCleanedUp returns once', () => {
    const now = { t: 1000 };
    const { backend, store: s } = store(now);
    const onWrite = s.getValueState(new ValueStateDescriptor<string>('w').enableTimeToLive(StateTtlConfig.newBuilder(100).build()));
    const onRead = s.getValueState(new ValueStateDescriptor<string>('r').enableTimeToLive(StateTtlConfig.newBuilder(100).setUpdateType('OnReadAndWrite').build()));
    const lax = s.getValueState(new ValueStateDescriptor<string>('x').enableTimeToLive(StateTtlConfig.newBuilder(100).setStateVisibility('ReturnExpiredIfNotCleanedUp').build()));
    backend.setCurrentKey('k');
    onWrite.update('w');
    onRead.update('r');
    lax.update('x');
    now.t = 1050;
    expect(onRead.value()).toBe('r'); // read at 1050: lives until 1150
    now.t = 1100;
    expect(onWrite.value()).toBeUndefined();
    expect(onRead.value()).toBe('r');
    expect(lax.value()).toBe('x');
    expect(lax.value()).toBeUndefined();
    now.t = 1300;
    expect(onRead.value()).toBeUndefined();
  });

  it('TTL: list elements and map entries expire one by one', () => {
    const now = { t: 0 };
    const { backend, store: s } = store(now);
    const ttl = StateTtlConfig.newBuilder(10).build();
    const l = s.getListState<number>(new ListStateDescriptor<number>('l').enableTimeToLive(ttl));
    const m = s.getMapState<string, number>(new MapStateDescriptor<string, number>('m').enableTimeToLive(ttl));
    backend.setCurrentKey('k');
    l.add(1);
    m.put('a', 1);
    now.t = 5;
    l.add(2);
    m.put('b', 2);
    now.t = 12;
    expect(l.get()).toEqual([2]);
    expect([...m.keys()]).toEqual(['b']);
    expect(m.get('a')).toBeUndefined();
  });

  it('TTL: sweeps release expired state of keys never read again, and snapshots leave it out', () => {
    const now = { t: 0 };
    const { backend, store: s } = store(now);
    const ttl = StateTtlConfig.newBuilder(50).build();
    const v = s.getValueState(new ValueStateDescriptor<number>('v').enableTimeToLive(ttl));
    const l = s.getListState(new ListStateDescriptor<number>('l').enableTimeToLive(ttl));
    const m = s.getMapState(new MapStateDescriptor<number, number>('m').enableTimeToLive(ttl));
    for (let i = 0; i < 500; i++) {
      backend.setCurrentKey(i);
      v.update(i);
      l.add(i);
      m.put(i, i);
    }
    expect(backend.size).toBe(500 * 6); // values + TTL stamps of three states
    now.t = 30;
    backend.setCurrentKey(7);
    v.update(7); // key 7's value is rewritten: it outlives the others
    now.t = 60;
    expect(backend.snapshot().keyGroups.flatMap(([, st]) => Object.values(st).flat())).toHaveLength(2); // v and its stamp, key 7
    expect(backend.removeExpired(now.t)).toBe(0); // the snapshot already swept
    expect(backend.size).toBe(2);
    now.t = 100;
    expect(backend.removeExpired(now.t)).toBe(1);
    expect(backend.size).toBe(0);
  });
});
