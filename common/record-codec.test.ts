import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it, expect } from 'vitest';
import { Packr } from 'msgpackr';
import { encodeBatch, decodeBatch, encodeTimestampedBatch, decodeTimestampedBatch } from './record-codec';
import { SluiceError } from './errors';

const roundTrip = (batch: unknown[]): unknown[] => decodeBatch(encodeBatch(batch));

describe('record codec', () => {
  it('round-trips batches of plain values', () => {
    const batch = [['hello', 3], { a: 1, b: [true, null], c: 'x' }, 42, -1.5, 'str', null, [], {}];
    expect(roundTrip(batch)).toEqual(batch);
    const [bytes] = roundTrip([new Uint8Array([1, 2, 3])]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes as Uint8Array)).toEqual([1, 2, 3]);
  });

  it('is binary, not JSON', () => {
    const bytes = encodeBatch([['word', 1]]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString('utf8')).not.toContain('[');
  });

  it('round-trips an empty batch and a large one', () => {
    expect(roundTrip([])).toEqual([]);
    const big = Array.from({ length: 10_000 }, (_, i) => [`w${i % 100}`, i]);
    expect(roundTrip(big)).toEqual(big);
  });

  it('keeps every number, at each encoding boundary', () => {
    const numbers = [0, 1, 127, 128, 255, 256, -1, -32, -33, -128, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2 ** 32, 2 ** 53, -(2 ** 53), 1.5, -0.25, 1e-300, 1_767_225_600_123, NaN, Infinity, -Infinity, Number.MAX_VALUE, Number.MIN_VALUE];
    expect(roundTrip(numbers)).toEqual(numbers);
  });

  it('keeps every string: empty, ASCII on both sides of each length limit, non-ASCII, long', () => {
    const strings = ['', 'a', 'x'.repeat(12), 'y'.repeat(13), 'z'.repeat(32), 'w'.repeat(33), 'v'.repeat(47), 'u'.repeat(48), 'é', 'naïve café', '日本語', '😀 emoji', 'ascii then é'.repeat(5), 'long '.repeat(5_000), '\u0000\u007f', 'lone \ud800 surrogate'];
    const decoded = roundTrip(strings);
    // A lone surrogate cannot be UTF-8: it becomes U+FFFD, as with msgpack.
    expect(decoded.slice(0, -1)).toEqual(strings.slice(0, -1));
    expect(decoded.at(-1)).toBe('lone \ufffd surrogate');
    // Repeated strings (the decoder's cache) stay right when different strings share a slot.
    const many = Array.from({ length: 20_000 }, (_, i) => `name-${i % 7_000}-${'q'.repeat(i % 11)}`);
    expect(roundTrip(many)).toEqual(many);
  });

  it('keeps undefined, holes, nesting, Dates, Maps (as objects) and class instances (as msgpack does)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holey = [1, , 3];
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const batch = [undefined, holey, { a: undefined }, [[[{ deep: [{ deeper: 'yes' }] }]]], new Date(5), new Map([['k', 1]]), new Point(1, 2), true, false];
    expect(roundTrip(batch)).toEqual([undefined, [1, undefined, 3], { a: undefined }, [[[{ deep: [{ deeper: 'yes' }] }]]], new Date(5), { k: 1 }, { x: 1, y: 2 }, true, false]);
  });

  it('keeps keys that are special to object literals as plain fields', () => {
    const tricky = JSON.parse('{"__proto__": {"polluted": true}, "toString": 1}') as Record<string, unknown>;
    const odd = { 'with "quotes"': 1, 'new\nline': 2, '': 3, 10: 'ten', 2: 'two', 'a-b': 4 };
    const [a, b] = roundTrip([tricky, odd]) as Record<string, unknown>[];
    expect(Object.getPrototypeOf(a)).toBe(Object.prototype);
    expect(Object.keys(a!)).toEqual(['__proto__', 'toString']);
    expect(Object.getOwnPropertyDescriptor(a, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(b).toEqual(odd);
    expect(Object.keys(b!)).toEqual(Object.keys(odd));
  });

  it('throws a typed error for bytes that are not a buffer, and never reads past their end', () => {
    const good = encodeTimestampedBatch([{ id: 1, name: 'a name that is long' }, ['x', 2.5]], [1, 2]);
    for (let cut = 0; cut < good.byteLength; cut++) expect(() => decodeBatch(good.subarray(0, cut))).toThrow(SluiceError);
    expect(() => decodeBatch(new Uint8Array([0x01, 0x02, 0x03]))).toThrow(/corrupt network buffer/);
    const trailing = new Uint8Array(good.byteLength + 1);
    trailing.set(good);
    expect(() => decodeBatch(trailing)).toThrow(/after the last record/);
    // A count far beyond the bytes: refused before anything is allocated for it.
    expect(() => decodeBatch(new Uint8Array([0xb0, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]))).toThrow(/count/);
    // The decoder is not left broken by a bad buffer.
    expect(decodeTimestampedBatch(good)).toEqual({ records: [{ id: 1, name: 'a name that is long' }, ['x', 2.5]], timestamps: [1, 2] });
  });

  it('returns an exactly sized array of its own for each batch', () => {
    const first = encodeBatch([{ a: 1 }]);
    const second = encodeBatch([{ a: 2 }]);
    expect(first.byteOffset).toBe(0);
    expect(first.byteLength).toBe(first.buffer.byteLength);
    expect(first.buffer).not.toBe(second.buffer);
    expect(decodeBatch(first)).toEqual([{ a: 1 }]);
  });
});

describe('record codec: records of one shape', () => {
  const bids = Array.from({ length: 500 }, (_, i) => ({ auction: 1000 + (i % 7), price: i * 3, dateTime: 1_767_225_600_000 + i, extra: i % 2 ? 'x' : undefined }));

  it('round-trips objects of shared and mixed shapes, timestamps included', () => {
    const mixed = [...bids, { a: 1 }, { b: [true, null], c: { auction: 1, price: 2, dateTime: 3, extra: 'nested' } }, new Date(5), ['t', 1]];
    const { records, timestamps } = decodeTimestampedBatch(encodeTimestampedBatch(mixed, mixed.map((_, i) => i)));
    expect(records).toEqual(mixed);
    expect(timestamps).toEqual(mixed.map((_, i) => i));
    expect(decodeTimestampedBatch(encodeTimestampedBatch(bids, undefined)).timestamps).toBeUndefined();
  });

  it('writes a shape once per batch, not its keys per record', () => {
    const plain = new Packr({ useRecords: false }).pack(bids).byteLength;
    expect(encodeBatch(bids).byteLength).toBeLessThan(plain * 0.75);
  });

  it('makes every batch decodable on its own, in any order', () => {
    const first = encodeBatch(bids.slice(0, 10));
    const second = encodeBatch([{ other: 1 }, ...bids.slice(10, 20)]);
    expect(decodeBatch(second)).toEqual([{ other: 1 }, ...bids.slice(10, 20)]);
    expect(decodeBatch(first)).toEqual(bids.slice(0, 10));
    expect(decodeBatch(second)).toEqual([{ other: 1 }, ...bids.slice(10, 20)]);
  });

  it('keeps alternating, nested and many shapes apart', () => {
    const events = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0 ? { type: 0, person: { id: i, name: `p${i}` }, bid: null } : i % 3 === 1 ? { type: 1, auction: { id: i, seller: i + 1 } } : { type: 2, person: null, bid: { auction: i, price: i * 2 } },
    );
    expect(roundTrip(events)).toEqual(events);
    // More shapes than have one-byte ids, and objects whose keys are data (a new shape each).
    const shapes = Array.from({ length: 200 }, (_, i) => ({ [`k${i}`]: i, [`j${i % 3}`]: [i] }));
    expect(roundTrip([...shapes, ...shapes])).toEqual([...shapes, ...shapes]);
    // Past the encoder's bound on its key tree (65,536 nodes), which it then starts over.
    const dictionaries = Array.from({ length: 70_000 }, (_, i) => ({ [`user-${i}`]: i, n: i }));
    expect(roundTrip(dictionaries)).toEqual(dictionaries);
    // More keys than a shape may have: written key by key, in order, __proto__ as a field.
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`f${i}`, i % 2 ? `v${i}` : { i }]));
    const wider = { ...wide, ...(JSON.parse('{"__proto__": 1}') as object) };
    const [a, b] = roundTrip([wide, wider]) as Record<string, unknown>[];
    expect(a).toEqual(wide);
    expect(Object.keys(a!)).toEqual(Object.keys(wide));
    expect(Object.keys(b!)).toEqual([...Object.keys(wide), '__proto__']);
    expect(Object.getPrototypeOf(b)).toBe(Object.prototype);
    expect(roundTrip(bids)).toEqual(bids);
  });

  it('decodes objects field by field where code generation from strings is disabled', () => {
    // A separate Node with the flag, on the build (npm test builds first).
    const built = path.resolve(__dirname, '..', 'dist', 'common', 'record-codec.js');
    const script = `const c = require(${JSON.stringify(built)});
      const batch = [{ a: 1, b: 'two' }, { a: 3, b: 'four' }, JSON.parse('{"__proto__": 5}'), [{ a: 5, b: null }]];
      const out = c.decodeBatch(c.encodeBatch(batch));
      process.stdout.write(JSON.stringify(out) + ' ' + (Object.getPrototypeOf(out[2]) === Object.prototype));`;
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { encoding: 'utf8', cwd: path.dirname(built) });
    expect(out).toBe('[{"a":1,"b":"two"},{"a":3,"b":"four"},{"__proto__":5},[{"a":5,"b":null}]] true');
  });
});
