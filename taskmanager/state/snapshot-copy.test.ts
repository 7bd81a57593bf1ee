import { describe, it, expect } from 'vitest';
import { KeyedStateBackend, type KeyedStateSnapshot } from './keyed-state-backend';
import { KeyedStateStore } from './keyed-state-store';
import { TimerQueue } from '../runtime/timer-service-queue';
import { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import { decodeValue, encodeValue } from '../../common/record-codec';
import { snapshotByKey } from '../../test/harness/keyed-snapshot-order';


/** A deterministic pseudo-random sequence (xorshift), so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

/**
 * Snapshots as a task takes them: into a writer over spare buffers that are never the ones
 * the backend pinned (the previous snapshot's, which it copies from), tiny buffers so that
 * copies cross them.
 */
class Snapshots {
  private pool: Buffer[][] = [];

  constructor(private readonly b: KeyedStateBackend) {}

  begin(): Promise<{ chunks: Uint8Array[]; buffers: Buffer[] }> {
    const pinned = this.b.pinnedBuffers;
    const i = this.pool.findIndex((set) => !set.some((x) => pinned.includes(x)));
    const spares = i < 0 ? Array.from({ length: 6 }, () => Buffer.alloc(3000)) : this.pool.splice(i, 1)[0];
    for (const s of spares) expect(pinned.includes(s)).toBe(false);
    return this.b.beginSnapshot(new MsgpackWriter(spares)).then((taken) => {
      this.pool.unshift(taken.buffers);
      this.pool.length = Math.min(this.pool.length, 2);
      return taken;
    });
  }
}

describe('snapshots copy the entries that did not change from the previous one', () => {
  it.each([false, true])('write what a full encode writes, round after round of changes of every kind, with processing during the snapshot (tracked from the start: %s)', async (fromStart) => {
    const next = random(42);
    const b = new KeyedStateBackend(128, 1, 0);
    b.tracksChanges = fromStart;
    const store = new KeyedStateStore(b, () => 0);
    const timers = new TimerQueue(b, '$timers/event');
    const keys = 3000;
    const touch = (key: number, kind: number): void => {
      b.setCurrentKey(key < keys / 2 ? key : `k${key}`);
      const windows = store.getMapState<number, { name: string; sold: boolean }>('windows');
      const value = store.getValueState<{ n: number; tags: string[] }>('value');
      switch (kind) {
        case 0: windows.put(key % 7, { name: `person ${key}`, sold: false }); break;
        case 1: { const w = windows.get(key % 7); if (w) w.sold = !w.sold; break; } // in place
        case 2: windows.remove(key % 7); break;
        case 3: value.update({ n: key, tags: ['a', String(next())] }); break;
        case 4: { const v = value.value(); if (v) v.n++; break; } // in place, no update()
        case 5: value.clear(); break;
        case 6: store.getListState<number>('list').add(key); break;
        default: timers.register(key * 10, key);
      }
    };
    for (let k = 0; k < keys; k++) {
      touch(k, 0);
      touch(k, 3);
    }
    const snapshots = new Snapshots(b);
    const copied: number[] = [];
    for (let round = 0; round < 8; round++) {
      // A tenth of the keys changes between two snapshots (some deleted and added again).
      for (let n = 0; n < keys / 10; n++) touch(Math.floor(next() * keys * 1.1), Math.floor(next() * 8));
      const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
      const taken = snapshots.begin();
      // Processing goes on while the snapshot is written: groups are settled before they change.
      for (let n = 0; n < 200; n++) {
        touch(Math.floor(next() * keys), Math.floor(next() * 8));
        if (n % 20 === 0) (b as unknown as { inProgress?: { step(ms: number): boolean } }).inProgress?.step(0);
      }
      const { chunks } = await taken;
      expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat(chunks)))).toEqual(expected);
      copied.push(b.lastSnapshotCopied);
    }
    // The first snapshot records, the later ones copy most entries.
    expect(copied[0]).toBe(0);
    for (const n of copied.slice(1)) expect(n).toBeGreaterThan(keys);
  });

  it('a backend tracked from the start and restored from a snapshot writes what a full encode writes', async () => {
    const first = new KeyedStateBackend(128, 1, 0);
    const firstStore = new KeyedStateStore(first, () => 0);
    for (let k = 0; k < 2000; k++) {
      first.setCurrentKey(k);
      firstStore.getMapState<number, string>('m').put(k % 3, `v${k}`);
    }
    const b = new KeyedStateBackend(128, 1, 0);
    b.tracksChanges = true;
    b.restore([first.snapshot()]);
    const store = new KeyedStateStore(b, () => 0);
    const snapshots = new Snapshots(b);
    for (let round = 0; round < 3; round++) {
      for (let k = round; k < 2600; k += 7) {
        b.setCurrentKey(k);
        const m = store.getMapState<number, string>('m');
        if (k % 5 === 0) m.remove(k % 3);
        else m.put(k % 3, `r${round}`);
      }
      const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
      expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat((await snapshots.begin()).chunks)))).toEqual(expected);
    }
    expect(b.lastSnapshotCopied).toBeGreaterThan(1000);
  });

  it('encode the changed entries of a group in the order their keys were first touched, after the unchanged ones', async () => {
    const b = new KeyedStateBackend(1, 1, 0);
    b.tracksChanges = true;
    const store = new KeyedStateStore(b, () => 0);
    const put = (key: number, v: number): void => {
      b.setCurrentKey(key);
      store.getValueState<number>('v').update(v);
    };
    for (let k = 0; k < 2000; k++) put(k, 0);
    const snapshots = new Snapshots(b);
    const entriesOf = (chunks: Uint8Array[]): Array<[unknown, unknown]> => decodeValue<KeyedStateSnapshot>(Buffer.concat(chunks)).keyGroups[0][1].v;
    expect(entriesOf((await snapshots.begin()).chunks).map(([k]) => k)).toEqual(Array.from({ length: 2000 }, (_, k) => k));
    put(7, 1);
    b.setCurrentKey(5);
    expect(b.table<number>('v').contains()).toBe(true); // touched, its value not seen: looked up
    put(3, 1);
    put(1999, 1);
    const entries = entriesOf((await snapshots.begin()).chunks);
    expect(entries.slice(-4)).toEqual([[7, 1], [5, 0], [3, 1], [1999, 1]]);
    expect(entries.slice(0, 4).map(([k]) => k)).toEqual([0, 1, 2, 4]);
    expect(b.lastSnapshotCopied).toBe(1996);
  });

  it('a table of a checkpointed job is tracked once it has had 1024 entries, not while it is small', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    b.tracksChanges = true;
    const store = new KeyedStateStore(b, () => 0);
    const put = (key: number): void => {
      b.setCurrentKey(key);
      store.getValueState<number>('v').update(key);
    };
    for (let k = 0; k < 1000; k++) put(k);
    const snapshots = new Snapshots(b);
    await snapshots.begin();
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(0); // small: not tracked
    for (let k = 1000; k < 1100; k++) put(k);
    const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
    expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat((await snapshots.begin()).chunks)))).toEqual(expected);
    expect(b.lastSnapshotCopied).toBe(0); // tracked from the 1024th entry, all of them logged
    put(5);
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(1099);
  });

  it('after a snapshot that failed or was not recorded, the next one encodes everything, and is right', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(b, () => 0);
    for (let k = 0; k < 2000; k++) {
      b.setCurrentKey(k);
      store.getValueState<{ n: number }>('value').update({ n: k });
    }
    const snapshots = new Snapshots(b);
    await snapshots.begin();
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(2000);
    b.setCurrentKey(5);
    store.getValueState<unknown>('value').update({ f: 10n ** 30n }); // cannot be encoded
    await expect(snapshots.begin()).rejects.toThrow();
    b.setCurrentKey(5);
    store.getValueState<unknown>('value').update({ n: -5 });
    const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
    const after = await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(0);
    expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat(after.chunks)))).toEqual(expected);
    // A snapshot written into a writer of its own (not recorded) leaves nothing to copy from.
    b.encodeSnapshot();
    b.setCurrentKey(6);
    store.getValueState<{ n: number }>('value').update({ n: -6 });
    const expected2 = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
    const third = await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(0);
    expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat(third.chunks)))).toEqual(expected2);
  });

  it('a key changed just before a snapshot and again just after it is written again by the next', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(b, () => 0);
    for (let k = 0; k < 2000; k++) {
      b.setCurrentKey(k);
      store.getValueState<number>('value').update(k);
    }
    const snapshots = new Snapshots(b);
    await snapshots.begin();
    b.setCurrentKey(7);
    store.getValueState<number>('value').update(-1);
    await snapshots.begin();
    store.getValueState<number>('value').update(-2); // the same key, current all along
    const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
    expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat((await snapshots.begin()).chunks)))).toEqual(expected);
    expect(b.lastSnapshotCopied).toBe(1999);
  });

  it('keeps tracking a table that more than doubles between snapshots (growing state: most of its entries new)', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(b, () => 0);
    let keys = 0;
    const grow = (n: number): void => {
      for (const end = keys + n; keys < end; keys++) {
        b.setCurrentKey(keys);
        store.getValueState<number>('count').update(keys);
      }
    };
    grow(2000);
    const snapshots = new Snapshots(b);
    await snapshots.begin();
    grow(2400); // more than half new
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(2000);
    grow(4000);
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(4400);
  });

  it('stops tracking a table whose entries mostly change between snapshots', async () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const store = new KeyedStateStore(b, () => 0);
    const all = (n: number): void => {
      for (let k = 0; k < 2000; k++) {
        b.setCurrentKey(k);
        store.getValueState<number>('count').update(n);
      }
    };
    all(0);
    const snapshots = new Snapshots(b);
    await snapshots.begin(); // recorded
    all(1);
    await snapshots.begin(); // copies nothing: tracking stops
    expect(b.lastSnapshotCopied).toBe(0);
    await snapshots.begin();
    expect(b.lastSnapshotCopied).toBe(0); // not tracked meanwhile, though nothing changed
    const expected = snapshotByKey(decodeValue<KeyedStateSnapshot>(encodeValue(b.snapshot())));
    expect(snapshotByKey(decodeValue<KeyedStateSnapshot>(Buffer.concat((await snapshots.begin()).chunks)))).toEqual(expected);
  });
});
