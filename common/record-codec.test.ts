import { describe, it, expect } from 'vitest';
import { encodeBatch, decodeBatch } from './record-codec';

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
