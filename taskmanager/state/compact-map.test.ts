import { describe, expect, it } from 'vitest';
import { CompactMap } from './compact-map';
import { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';

function entriesOf(m: { forEach(fn: (v: unknown, k: unknown) => void): void }): Array<[unknown, unknown]> {
  const out: Array<[unknown, unknown]> = [];
  m.forEach((v, k) => out.push([k, v]));
  return out;
}

describe('CompactMap', () => {
  it('behaves as a Map under random sets, deletes and reads, one entry or many', () => {
    const keys: unknown[] = [1, 2, 'a', NaN, 0, -0, 3.5];
    let seed = 7;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const model = new Map<unknown, number>();
      const m = new CompactMap<unknown, number>();
      for (let op = 0; op < 12; op++) {
        const k = keys[random(round % 2 === 0 ? 2 : keys.length)];
        if (random(3) === 0) expect(m.delete(k)).toBe(model.delete(k));
        else {
          expect(m.set(k, op)).toBe(m);
          model.set(k, op);
        }
        expect(m.size).toBe(model.size);
        for (const q of keys) {
          expect(m.get(q)).toBe(model.get(q));
          expect(m.has(q)).toBe(model.has(q));
        }
        expect([...m]).toEqual([...model]);
        expect(entriesOf(m)).toEqual([...model]);
      }
    }
  });

  it('is written by a snapshot as the Map of the same entries was', () => {
    for (const entries of [[], [[5, { name: 'x', sold: true }]], [[1, 'a'], [2, 'b'], [3, 'c']]] as Array<Array<[unknown, unknown]>>) {
      const a = new MsgpackWriter();
      a.mapEntries(new Map(entries));
      const b = new MsgpackWriter();
      b.mapEntries(CompactMap.of(entries));
      expect(Buffer.from(b.bytes())).toEqual(Buffer.from(a.bytes()));
      expect([...CompactMap.of(entries)]).toEqual(entries);
    }
  });
});
