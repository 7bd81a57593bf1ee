import { describe, expect, it } from 'vitest';
import { decodeTimestampedBatch, encodeBatch, encodeTimestampedBatch } from '../../common/record-codec';
import { SluiceError } from '../../common/errors';
import { SeededRandom } from './seeded-random';

/**
 * Seeded fuzz of the record codec's decoder (Sluice's own batch format, common/batch-format.ts):
 * valid buffers of records of several shapes with bytes flipped, inserted and deleted, and
 * random bytes behind a valid header. Each input must either decode or be refused with the
 * codec's typed error (SluiceError "corrupt network buffer"): never another exception (a
 * RangeError from reading past the end, a TypeError from a broken shape), never a hang.
 * `FUZZ_SEED=N` runs another seed.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = 3_000;

function validBuffers(r: SeededRandom): Uint8Array[] {
  const bids = Array.from({ length: 20 }, (_, i) => ({ auction: 1000 + i, price: r.int(1e6), dateTime: 1_767_225_600_000 + i, extra: r.string(30) }));
  const mixed = [['word', 1], { a: 1, b: [true, null, 'x'.repeat(r.int(60))] }, -1.5, 'é', null, undefined, new Date(0), new Uint8Array([1, 2]), { nested: { deep: { k: 'v' } } }];
  return [
    encodeBatch(bids),
    encodeTimestampedBatch(bids, bids.map((b) => b.dateTime)),
    encodeBatch(mixed),
    encodeBatch(Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? { x: i } : i % 3 === 1 ? { y: `s${i}`, z: i } : [i, `w${i}`]))),
  ];
}

function mutate(r: SeededRandom, good: Uint8Array): Uint8Array {
  const bytes = Array.from(good);
  const edits = 1 + r.int(4);
  for (let e = 0; e < edits; e++) {
    const at = r.int(bytes.length + 1);
    const what = r.int(4);
    if (what === 0 && at < bytes.length) bytes[at] = r.int(256);
    else if (what === 1) bytes.splice(at, 0, r.int(256));
    else if (what === 2 && at < bytes.length) bytes.splice(at, 1);
    else if (at < bytes.length) bytes[at] = bytes[at]! ^ (1 << r.int(8));
  }
  return Uint8Array.from(bytes);
}

describe(`record codec decoder fuzz (seed ${SEED})`, () => {
  it(`refuses ${CASES} mutated and random buffers with its typed error, or decodes them`, () => {
    const r = new SeededRandom(SEED);
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const goods = validBuffers(r);
      const input = i % 10 === 9 ? Uint8Array.from([0xb0, ...r.bytes(r.int(200))]) : mutate(r, r.pick(goods));
      try {
        decodeTimestampedBatch(input);
      } catch (err) {
        if (!(err instanceof SluiceError) || !/corrupt network buffer/.test(err.message)) {
          throw new Error(`case ${i} (seed ${SEED}): ${Buffer.from(input).toString('hex')} threw ${(err as Error)?.constructor?.name}: ${(err as Error)?.message}`);
        }
        refused++;
      }
    }
    // Most mutations break the buffer; a fuzz that never reached the error paths proves nothing.
    expect(refused).toBeGreaterThan(CASES / 2);
    // And the decoder still decodes good buffers after all that.
    const bids = [{ auction: 1, price: 2, dateTime: 3 }];
    expect(decodeTimestampedBatch(encodeTimestampedBatch(bids, [3]))).toEqual({ records: bids, timestamps: [3] });
  });
});
