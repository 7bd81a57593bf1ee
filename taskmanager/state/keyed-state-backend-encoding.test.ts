import { describe, it, expect } from 'vitest';
import { KeyedStateBackend, type KeyedStateSnapshot } from './keyed-state-backend';
import { KeyedStateStore } from './keyed-state-store';
import { NamespacedStateTable } from './namespaced-state-table';
import { TimerQueue } from '../runtime/timer-service-queue';
import { MapStateDescriptor, StateTtlConfig } from '../../api/state-descriptors';
import { decodeValue, encodeValue } from '../../common/record-codec';

/** The encoding checkpoints use must read back as the plain snapshot does through the generic encoder. */
function expectEncodedAsSnapshot(b: KeyedStateBackend): KeyedStateSnapshot {
  const expected = decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot()));
  const encoded = decodeValue<KeyedStateSnapshot>(b.encodeSnapshot());
  expect(encoded).toEqual(expected);
  return encoded;
}

describe('KeyedStateBackend.encodeSnapshot', () => {
  it('encodes every kind of state, composite keys, Map-valued tables, namespaces and timers as snapshot() does', () => {
    let now = 1_000;
    const b = new KeyedStateBackend(128, 2, 0);
    const store = new KeyedStateStore(b, () => now);
    const ns = new NamespacedStateTable<{ n: number }>(b, '$window/contents');
    const nsCoded = new NamespacedStateTable<Set<number>>(b, '$window/sets', { save: (s) => [...s], load: (p) => new Set(p as number[]) });
    const timers = new TimerQueue(b, '$timers/event');
    const ttl = StateTtlConfig.newBuilder(60_000).build();
    let keys = 0;
    for (let i = 0; keys < 200; i++) {
      const key = i % 3 === 0 ? ['composite', i] : i % 3 === 1 ? `k-${i}` : i;
      try {
        b.setCurrentKey(key);
      } catch {
        continue; // another subtask's key group
      }
      keys++;
      store.getValueState<unknown>('value').update({ i, name: `n${i}`, nested: [i, { deep: i % 2 === 0 }], when: new Date(i) });
      store.getListState<number>('list').add(i);
      store.getMapState<unknown, unknown>('map').put(i % 2 === 0 ? ['uk', i] : `uk${i}`, { v: i, bytes: new Uint8Array([i & 0xff]) });
      store.getMapState<string, number>(new MapStateDescriptor<string, number>('ttl-map').enableTimeToLive(ttl)).put('a', i);
      store.getReducingState<number>('sum', (x, y) => x + y).add(i);
      ns.put(i * 10, { n: i });
      ns.put(i * 10 + 1, { n: -i });
      nsCoded.put(i, new Set([i, i + 1]));
      timers.register(i * 100, i);
    }
    const first = expectEncodedAsSnapshot(b);
    expect(first.keyGroups.length).toBeGreaterThan(10);
    now += 120_000; // the TTL'd entries expire: left out of both
    expectEncodedAsSnapshot(b);
  });

  it('keeps state restored but not yet registered, and restores from its own encoding', () => {
    const a = new KeyedStateBackend(8, 1, 0);
    a.setCurrentKey('x');
    a.getValueState<number>('late').update(5);
    a.getValueState<number>('early').update(6);
    const b = new KeyedStateBackend(8, 1, 0);
    b.restore([decodeValue<KeyedStateSnapshot>(a.encodeSnapshot())]);
    b.setCurrentKey('x');
    expect(b.getValueState<number>('early').value()).toBe(6);
    const c = new KeyedStateBackend(8, 1, 0);
    c.restore([expectEncodedAsSnapshot(b)]);
    c.setCurrentKey('x');
    expect(c.getValueState<number>('late').value()).toBe(5);
    expect(c.getValueState<number>('early').value()).toBe(6);
  });

  it('encodes an empty backend', () => {
    expect(expectEncodedAsSnapshot(new KeyedStateBackend(128, 1, 0))).toEqual({ keyGroups: [], kinds: {} });
  });
});
