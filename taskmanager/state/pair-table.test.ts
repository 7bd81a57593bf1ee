import { describe, it, expect } from 'vitest';
import { KeyedStateBackend, type PairForm } from './keyed-state-backend';
import { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import { decodeValue } from '../../common/record-codec';
import type { PairTable } from './pair-table';

/** A small deterministic PRNG (mulberry32): the same sequence of operations on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value a key's pairs stand for in a snapshot, as the plain arrays a StateTable held. */
function saved(flat: readonly unknown[], form: PairForm): unknown[] {
  if (form === 'flat') return [...flat];
  const pairs: unknown[] = [];
  for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
  return pairs;
}

/** Applies random operations to a table and to a model (a Map of flat arrays), and checks they agree. */
function exercise(form: PairForm, seed: number) {
  const next = random(seed);
  const b = new KeyedStateBackend(128, 2, 1);
  const t = b.pairTable('$pairs', form);
  const model = new Map<unknown, unknown[]>();
  const keys: unknown[] = [];
  for (let i = 0; keys.length < 60; i++) {
    const k = i % 4 === 0 ? `k${i}` : i;
    try {
      b.setCurrentKey(k);
      keys.push(k);
    } catch {
      // another subtask's key group
    }
  }
  const value = (): unknown => (next() < 0.2 ? { acc: Math.floor(next() * 10) } : next() < 0.5 ? Math.floor(next() * 1e6) : 1.7e12 + next());
  for (let op = 0; op < 1500; op++) {
    const k = keys[Math.floor(next() * keys.length)];
    b.setCurrentKey(k);
    const m = model.get(k);
    const held = t.seek();
    expect(held).toBe(m !== undefined);
    expect(t.pairCount).toBe(m === undefined ? 0 : m.length / 2);
    if (m === undefined) {
      const a = Math.floor(next() * 100);
      const v = value();
      t.add(a, v);
      model.set(k, [a, v]);
      continue;
    }
    for (let i = 0; i < m.length / 2; i++) {
      expect(t.a(i)).toBe(m[2 * i]);
      expect(t.b(i)).toEqual(m[2 * i + 1]);
    }
    const r = next();
    const i = Math.floor(next() * (m.length / 2));
    if (r < 0.3) {
      const v = value();
      t.setB(i, v);
      m[2 * i + 1] = v;
    } else if (r < 0.6) {
      const a = (m[0] as number) - 1 - Math.floor(next() * 5);
      const v = value();
      t.insert(0, a, v);
      m.unshift(a, v);
    } else {
      t.removeAt(i);
      m.splice(2 * i, 2);
      if (m.length === 0) model.delete(k);
    }
    expect(t.pairCount).toBe(m.length / 2);
  }
  return { b, t, model };
}

function expectHolds(b: KeyedStateBackend, t: PairTable, model: ReadonlyMap<unknown, unknown[]>, form: PairForm) {
  const all = new Map<unknown, unknown>();
  for (let g = 0; g < b.groupCount; g++) {
    const plain = t.snapshotGroup(g);
    expect(plain.length).toBe(t.groupSize(g));
    const w = new MsgpackWriter();
    t.writeGroup(g, w);
    // The bytes of the packed table are those of the plain arrays it stands for.
    const reference = new MsgpackWriter();
    reference.value(plain);
    expect(Buffer.from(w.bytes()).equals(Buffer.from(reference.bytes()))).toBe(true);
    for (const [k, v] of decodeValue<Array<[unknown, unknown]>>(w.bytes())) all.set(k, v);
  }
  expect(all).toEqual(new Map([...model].map(([k, flat]) => [k, saved(flat, form)])));
  expect(t.size).toBe(model.size);
}

describe('PairTable', () => {
  for (const form of ['flat', 'pairs'] as const) {
    it(`holds what a Map of flat arrays would, packed or not, and writes the same snapshot bytes (${form})`, () => {
      for (const seed of [1, 2, 3]) {
        const { b, t, model } = exercise(form, seed);
        expectHolds(b, t, model, form);
        let pairs = 0;
        t.forEachPair(() => pairs++);
        expect(pairs).toBe([...model.values()].reduce((n, m) => n + m.length / 2, 0));
      }
    });

    it(`restores its own snapshot (${form})`, () => {
      const { b, t, model } = exercise(form, 7);
      const copy = new KeyedStateBackend(128, 2, 1);
      const restored = copy.pairTable('$pairs', form);
      for (let g = 0; g < b.groupCount; g++) restored.restoreGroup(g, t.snapshotGroup(g));
      expectHolds(copy, restored, model, form);
    });
  }

  it('restores saved pairs in any order sorted by their first element', () => {
    const b = new KeyedStateBackend(8, 1, 0);
    b.setCurrentKey('x');
    b.restore([{ keyGroups: [[b.currentKeyGroup, { $panes: [['x', [[20, 1], [10, 2]]]] }]], kinds: {} }]);
    const t = b.pairTable('$panes', 'pairs');
    b.setCurrentKey('x');
    expect(t.seek()).toBe(true);
    expect([t.a(0), t.b(0), t.a(1), t.b(1)]).toEqual([10, 2, 20, 1]);
  });

  it('a name is one kind of table', () => {
    const b = new KeyedStateBackend(8, 1, 0);
    b.pairTable('$t', 'flat');
    expect(() => b.table('$t')).toThrow(/not a StateTable/);
    expect(() => b.pairTable('$t', 'pairs')).toThrow(/not a PairTable of form pairs/);
  });
});
