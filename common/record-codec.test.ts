import { describe, it, expect } from 'vitest';
import { Packr, Unpackr } from 'msgpackr';
import { encodeBatch, decodeBatch, encodeTimestampedBatch, decodeTimestampedBatch } from './record-codec';

describe('record codec', () => {
  it('round-trips batches of plain values', () => {
    const batch = [['hello', 3], { a: 1, b: [true, null], c: 'x' }, 42, -1.5, 'str', null, [], {}];
    expect(decodeBatch(encodeBatch(batch))).toEqual(batch);
    const [bytes] = decodeBatch(encodeBatch([new Uint8Array([1, 2, 3])]));
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(bytes as Uint8Array)).toEqual([1, 2, 3]);
  });

  it('is binary, not JSON', () => {
    const bytes = encodeBatch([['word', 1]]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).toString('utf8')).not.toContain('[');
  });

  it('round-trips an empty batch and a large one', () => {
    expect(decodeBatch(encodeBatch([]))).toEqual([]);
    const big = Array.from({ length: 10_000 }, (_, i) => [`w${i % 100}`, i]);
    expect(decodeBatch(encodeBatch(big))).toEqual(big);
  });
});

describe('record codec: records of one shape', () => {
  const bids = Array.from({ length: 500 }, (_, i) => ({ auction: 1000 + (i % 7), price: i * 3, dateTime: 1_767_225_600_000 + i, extra: i % 2 ? 'x' : undefined }));

  it('round-trips objects of shared and mixed shapes, timestamps included', () => {
    const mixed = [...bids, { a: 1 }, { b: [true, null], c: { auction: 1, price: 2, dateTime: 3, extra: 'nested' } }, new Date(5), ['t', 1]];
    const { records, timestamps } = decodeTimestampedBatch(encodeTimestampedBatch(mixed, mixed.map((_, i) => i)));
    expect(records).toEqual(mixed);
    expect(timestamps).toEqual(mixed.map((_, i) => i));
  });

  it('writes a shape once per batch, not its keys per record', () => {
    const plain = new Packr({ useRecords: false }).pack(bids).byteLength;
    expect(encodeBatch(bids).byteLength).toBeLessThan(plain * 0.75);
  });

  it('makes every batch decodable on its own, by any msgpack decoder, in any order', () => {
    const first = encodeBatch(bids.slice(0, 10));
    const second = encodeBatch([{ other: 1 }, ...bids.slice(10, 20)]);
    expect(new Unpackr().unpack(second)).toEqual([{ other: 1 }, ...bids.slice(10, 20)]);
    expect(new Unpackr().unpack(first)).toEqual(bids.slice(0, 10));
  });
});
