import { Packr } from 'msgpackr';
import { BatchEncoder } from './batch-encoder';
import { BatchDecoder } from './batch-decoder';

/**
 * The binary codec for batches of records on the data plane. A batch is encoded with one
 * call for the whole array, never per record, and never JSON. Records are plain JS values
 * (primitives, arrays, plain objects, Uint8Array, Date).
 *
 * The format is Sluice's own (common/batch-format.ts): objects of one shape are written as a
 * shape reference and their values, and the first object of a shape in a batch defines it
 * (its keys) once. Records of a stream mostly share one shape (Nexmark's bids, a map's output
 * objects), so keys are neither written nor decoded per record, and decoding builds each
 * object with a per-shape function. Every batch carries its own shape definitions (nothing
 * is shared across batches or connections), so each buffer still decodes on its own, in any
 * order. Values the format has no tag for (Dates, bytes, Maps, class instances, bigints) are
 * embedded as msgpack, with msgpackr's semantics as before (maps decode as plain objects).
 */
const fallbackPackr = new Packr({ useRecords: true, mapsAsObjects: true, moreTypes: false, bundleStrings: false });
const encoder = new BatchEncoder(fallbackPackr);
const decoder = new BatchDecoder(fallbackPackr);
/** State snapshots and control payloads stay plain msgpack maps (their format is persisted). */
const packr = new Packr({ useRecords: false, moreTypes: false, bundleStrings: false });

export function encodeBatch(records: readonly unknown[]): Uint8Array {
  return encoder.encode(records, undefined);
}

export function decodeBatch(bytes: Uint8Array): unknown[] {
  return decoder.decode(bytes).records;
}

/**
 * A batch whose records carry event timestamps has a column of numbers next to the records
 * (never a wrapper per record); a batch without timestamps pays nothing for event time.
 * The returned array is the caller's own (an exactly sized ArrayBuffer, never a view into a
 * shared one), so a peer link can transfer it without a copy.
 */
export function encodeTimestampedBatch(records: readonly unknown[], timestamps: readonly number[] | undefined): Uint8Array {
  return encoder.encode(records, timestamps);
}

/** Decodes a batch; `timestamps` is undefined for a batch without them. */
export function decodeTimestampedBatch(bytes: Uint8Array): { records: unknown[]; timestamps: number[] | undefined } {
  return decoder.decode(bytes);
}

/** Encodes an arbitrary value (state snapshots, control payloads). */
export function encodeValue(value: unknown): Uint8Array {
  return packr.pack(value);
}

export function decodeValue<T = unknown>(bytes: Uint8Array): T {
  return packr.unpack(bytes) as T;
}
