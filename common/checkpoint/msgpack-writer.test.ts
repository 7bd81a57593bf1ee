import { describe, it, expect } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { MsgpackWriter } from './msgpack-writer';
import { decodeValue, encodeValue } from '../record-codec';
import { encodeTaskState, encodeTaskStateParts, decodeTaskState, type TaskStateSnapshot } from './task-state-snapshot';

/** What the writer must match: the value as the generic encoder round-trips it. */
function expectSameAsEncodeValue(v: unknown): void {
  const w = new MsgpackWriter(16); // small: every value makes it grow
  w.value(v);
  const ours = decodeValue(w.bytes());
  const theirs = decodeValue(encodeValue(v));
  expect(isDeepStrictEqual(ours, theirs)).toBe(true);
}

const manyKeys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));

describe('MsgpackWriter', () => {
  it('writes numbers at every width boundary as the generic encoder reads them back', () => {
    const edges = [0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1];
    for (const n of [...edges, 1767225600000, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, -0, 0.1, -1.5, 1e300, NaN, Infinity, -Infinity]) expectSameAsEncodeValue(n);
  });

  it('writes numbers inside arrays, pairs and flat pairs as the generic encoder does (their fast path)', () => {
    const numbers = [0, -0, 1.5, -1.5, 2 ** 32, 1767225600000.25, NaN, Infinity, -Infinity, Number.MIN_VALUE, -(2 ** 31) - 1];
    expectSameAsEncodeValue(numbers);
    expectSameAsEncodeValue(new Float64Array(numbers).reduce<number[]>((a, x) => (a.push(x), a), [])); // a double array
    const w = new MsgpackWriter(16);
    w.pair(1767225600000.5, [NaN, -0]);
    w.flatPairs([1.25, 'a', -0, 2 ** 40 + 0.5]);
    const expected = [...encodeValue([1767225600000.5, [NaN, -0]]), ...encodeValue([[1.25, 'a'], [-0, 2 ** 40 + 0.5]])];
    expect(Buffer.from(w.bytes()).equals(Buffer.from(expected))).toBe(true);
  });

  it("writes a packed table's entries as the plain arrays they stand for, at every number width, growing mid-group", () => {
    const edges = [0, 1, 127, 128, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, -1, -32, -33, -128, -129, -32768, -32769, -(2 ** 31), -(2 ** 31) - 1];
    const numbers = [...edges, 1767225600000, 1767225600000.25, Number.MAX_SAFE_INTEGER, -0, 0.1, 1e300, NaN, Infinity, -Infinity, Number.MIN_VALUE];
    const keys: unknown[] = [...numbers.filter((n) => !Number.isNaN(n) && !Object.is(n, -0)), 'auction-7', 'é', true];
    const slots = new Map<unknown, number>();
    const data = new Float64Array(2 * keys.length);
    keys.forEach((k, i) => {
      slots.set(k, keys.length - 1 - i); // slots in another order than the keys
      data[2 * (keys.length - 1 - i)] = numbers[i % numbers.length];
      data[2 * (keys.length - 1 - i) + 1] = numbers[(7 * i + 3) % numbers.length];
    });
    for (const nested of [false, true]) {
      const w = new MsgpackWriter(16);
      w.numberPairEntries(slots, data, nested);
      const plain = new MsgpackWriter(16);
      slots.forEach((s, k) => plain.value([k, nested ? [[data[2 * s], data[2 * s + 1]]] : [data[2 * s], data[2 * s + 1]]]));
      expect(Buffer.from(w.bytes()).equals(Buffer.from(plain.bytes()))).toBe(true);
    }
  });

  it('writes strings: ASCII and not, around the header sizes', () => {
    for (const n of [0, 1, 31, 32, 85, 86, 255, 256, 21845, 21846, 70000]) {
      expectSameAsEncodeValue('a'.repeat(n));
      expectSameAsEncodeValue('é'.repeat(n));
    }
    expectSameAsEncodeValue('mixed ascii then ünïcödé and 😀 astral');
    expectSameAsEncodeValue('\u0000composite');
  });

  it('writes arrays and plain objects of every header size, nested', () => {
    for (const n of [0, 15, 16, 65535, 65536]) {
      expectSameAsEncodeValue(Array.from({ length: n }, (_, i) => i));
      if (n < 65536) expectSameAsEncodeValue(manyKeys(n));
    }
    // The generic encoder refuses objects of 65536 keys and more; the writer's map32 reads back.
    const w = new MsgpackWriter();
    w.value(manyKeys(65536));
    expect(decodeValue(w.bytes())).toEqual(manyKeys(65536));
    expectSameAsEncodeValue({ a: [1, { b: 'x', c: [null, true, false] }], '1': 2, d: undefined, e: manyKeys(20) });
    expectSameAsEncodeValue([undefined, , 3]); // eslint-disable-line no-sparse-arrays
    expectSameAsEncodeValue(Object.assign(Object.create(null), { a: 1 }));
  });

  it('leaves other values to the generic encoder: the same bytes, read back the same', () => {
    for (const v of [new Date(5), new Uint8Array([1, 2, 3]), new Map([[1, 'a']]), new Set([1]), { when: new Date(7), bin: new Uint8Array([9]) }, [new Map([['k', [1]]])]]) expectSameAsEncodeValue(v);
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    expectSameAsEncodeValue(new Point(1, 2));
  });

  it('writes a Map as [key, value] pairs', () => {
    const w = new MsgpackWriter();
    w.mapEntries(new Map<unknown, unknown>([[1, { a: 1 }], ['k', [2]]]));
    expect(decodeValue(w.bytes())).toEqual([[1, { a: 1 }], ['k', [2]]]);
  });

  it('writes into a buffer it is given, moving on to another when it must', () => {
    const given = Buffer.alloc(1024);
    const small = new MsgpackWriter(given);
    small.value('x');
    expect(small.buffers()).toEqual([given]);
    const big = new MsgpackWriter(given);
    big.value(1);
    big.value('y'.repeat(5000));
    expect(big.buffers()[0]).toBe(given);
    expect(big.buffers()).toHaveLength(2);
    expect(big.length).toBe(1 + 5003);
    expect(Buffer.concat(big.chunkViews()).equals(Buffer.from(big.bytes()))).toBe(true);
    expect(decodeValue(big.bytes().subarray(1))).toBe('y'.repeat(5000));
  });

  it('writes an object of 16 keys or more that ends where its buffer ends (no room to widen its header)', () => {
    // Short keys and one-byte values last: the room checked before each leaves almost none after.
    for (const keys of [16, 20, 70000]) {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < keys - 2; i++) o[`k${i}`] = true;
      o.y = true;
      o.z = false;
      const reference = new MsgpackWriter(8 << 20); // room for all: the header widened in place
      reference.value(o);
      const encoded = Buffer.from(reference.bytes());
      expect(decodeValue(encoded)).toEqual(o);
      for (let size = encoded.length - 24; size <= encoded.length + 2; size++) {
        const w = new MsgpackWriter(Buffer.alloc(size));
        w.value(o);
        expect(Buffer.from(w.bytes()).equals(encoded), `a buffer of ${size} bytes`).toBe(true);
      }
    }
  });

  it('writes across buffers the bytes it writes into one, reusing the spares it is given in order', () => {
    const corpus = [
      manyKeys(20), // its body crosses buffers: written again after a sized header
      { a: manyKeys(17), b: [manyKeys(3), 'é'.repeat(40)] },
      Array.from({ length: 300 }, (_, i) => [i * 1.5, 'k' + i, { n: i }]),
      'z'.repeat(3000),
      manyKeys(70000),
    ];
    const whole = new MsgpackWriter(8 << 20);
    for (const v of corpus) whole.value(v);
    for (const size of [48, 100, 1000, 4096]) {
      const spares: Buffer[] = Array.from({ length: 40 }, () => Buffer.alloc(size));
      const w = new MsgpackWriter(spares);
      for (const v of corpus) w.value(v);
      expect(w.length).toBe(whole.length);
      expect(Buffer.concat(w.chunkViews()).equals(Buffer.from(whole.bytes()))).toBe(true);
      const used = w.buffers();
      expect(used.length).toBeGreaterThan(1);
      // the spares first, in order (one too small for a long string is skipped), then new ones
      const reused = used.filter((b) => spares.includes(b));
      expect(reused.map((b) => spares.indexOf(b))).toEqual([...reused.map((b) => spares.indexOf(b))].sort((x, y) => x - y));
      expect(used.slice(0, reused.length)).toEqual(reused);
    }
  });
});

describe('encodeTaskStateParts', () => {
  it('encodes what encodeTaskState encodes, with keyed state given as bytes or written on demand', () => {
    const keyed = { keyGroups: [[3, { count: [['a', 1], ['b', 2]] }]], kinds: { count: 'value' } } as TaskStateSnapshot['operators'][string]['keyed'];
    const plain: TaskStateSnapshot = {
      format: 'sluice-task-state',
      version: 1,
      vertexId: 'v1',
      subtask: 1,
      operators: { src: { list: { splits: [{ id: 's', position: 5 }] } }, agg: { keyed, list: { x: [1] } } },
    };
    const expected = decodeTaskState(encodeTaskState(plain), 'plain');
    const asBytes = encodeTaskStateParts({ vertexId: 'v1', subtask: 1, operators: [{ uid: 'src', list: { splits: [{ id: 's', position: 5 }] } }, { uid: 'agg', list: { x: [1] }, keyed: encodeValue(keyed) }, { uid: 'stateless' }] });
    expect(decodeTaskState(asBytes, 'parts')).toEqual(expected);
    const written = encodeTaskStateParts({ vertexId: 'v1', subtask: 1, operators: [{ uid: 'src', list: { splits: [{ id: 's', position: 5 }] } }, { uid: 'agg', list: { x: [1] }, keyed: (w) => w.value(keyed) }] });
    expect(decodeTaskState(written, 'parts')).toEqual(expected);
  });
});
