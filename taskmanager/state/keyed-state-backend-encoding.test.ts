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
    const flat = b.table<unknown[]>('$flat', {
      save: (a) => Array.from({ length: a.length >> 1 }, (_, i) => [a[2 * i], a[2 * i + 1]]),
      load: (p) => (p as Array<[unknown, unknown]>).flat(),
      savesFlatPairs: true,
    });
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
      flat.put([i, -i, i + 1, { n: i }]);
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

describe('KeyedStateBackend.beginSnapshot (copy-on-write by key group)', () => {
  const byGroup = (s: KeyedStateSnapshot) => ({ ...s, keyGroups: [...s.keyGroups].sort((a, b) => a[0] - b[0]) });

  function filled(): { b: KeyedStateBackend; store: KeyedStateStore; timers: TimerQueue; clock: { now: number } } {
    const clock = { now: 1_000 };
    const b = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(b, () => clock.now);
    const timers = new TimerQueue(b, '$timers/event');
    const ttl = StateTtlConfig.newBuilder(60_000).build();
    for (let i = 0; i < 500; i++) {
      b.setCurrentKey(i);
      store.getValueState<{ n: number }>('value').update({ n: i });
      store.getListState<number>('list').add(i);
      store.getMapState<number, { seen: boolean }>('map').put(i, { seen: false });
      store.getMapState<string, number>(new MapStateDescriptor<string, number>('ttl-map').enableTimeToLive(ttl)).put('a', i);
      timers.register(i * 10, 0);
    }
    return { b, store, timers, clock };
  }

  it('writes the state as it was when it began, whatever processing changes meanwhile, in place or not', async () => {
    const { b, store, timers, clock } = filled();
    const expected = byGroup(decodeValue<KeyedStateSnapshot>(b.encodeSnapshot()));
    const taken = b.beginSnapshot();
    expect(b.snapshotInProgress).toBe(true);
    for (let i = 0; i < 500; i += 3) {
      b.setCurrentKey(i);
      store.getValueState<{ n: number }>('value').value()!.n = -1; // changed in place, without update()
      store.getListState<number>('list').add(1000 + i);
      store.getMapState<number, { seen: boolean }>('map').get(i)!.seen = true;
      store.getMapState<number, number>('map-new').put(i, i); // a state registered after the snapshot began
      timers.register(i * 10 + 5, 1);
      if (i % 2 === 0) store.getValueState('value').clear();
      b.setCurrentKey(10_000 + i); // keys the snapshot never had
      store.getValueState<{ n: number }>('value').update({ n: 1 });
      // background slices in between: one group each
      (b as unknown as { inProgress?: { step(ms: number): boolean } }).inProgress?.step(0);
    }
    clock.now += 120_000;
    b.removeExpired(clock.now); // a sweep over every group
    const bytes = Buffer.concat((await taken).chunks);
    expect(b.snapshotInProgress).toBe(false);
    expect(byGroup(decodeValue<KeyedStateSnapshot>(bytes))).toEqual(expected);
  });

  it('finishes in background slices without any state access, and restores', async () => {
    const { b } = filled();
    const expected = byGroup(decodeValue<KeyedStateSnapshot>(b.encodeSnapshot()));
    const { chunks, buffers } = await b.beginSnapshot();
    const decoded = decodeValue<KeyedStateSnapshot>(Buffer.concat(chunks));
    expect(byGroup(decoded)).toEqual(expected);
    b.reuseBuffers(buffers);
    const restored = new KeyedStateBackend(128, 1, 0);
    restored.restore([decoded]);
    restored.setCurrentKey(7);
    expect(new KeyedStateStore(restored, () => 0).getValueState<{ n: number }>('value').value()).toEqual({ n: 7 });
  });

  it('a snapshot begun while another is in progress completes that one first', async () => {
    const { b, store } = filled();
    const first = b.beginSnapshot();
    b.setCurrentKey(1);
    const second = b.beginSnapshot();
    store.getValueState<{ n: number }>('value').update({ n: 99 });
    const [one, two] = await Promise.all([first, second]);
    const value = (s: KeyedStateSnapshot) => s.keyGroups.flatMap(([, st]) => st.value ?? []).find(([k]) => k === 1)?.[1];
    expect(value(decodeValue<KeyedStateSnapshot>(Buffer.concat(one.chunks)))).toEqual({ n: 1 });
    expect(value(decodeValue<KeyedStateSnapshot>(Buffer.concat(two.chunks)))).toEqual({ n: 1 });
  });

  it('a value that cannot be encoded fails the snapshot, not the processing that touches its group', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    b.setCurrentKey('k');
    b.getValueState<unknown>('v').update({ f: 10n ** 30n });
    const taken = b.beginSnapshot();
    b.setCurrentKey('k');
    expect(() => b.getValueState<unknown>('v').update(1)).not.toThrow();
    await expect(taken).rejects.toThrow();
    expect(b.snapshotInProgress).toBe(false);
  });
});
