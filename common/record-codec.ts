import { Packr } from 'msgpackr';

/**
 * The binary codec for batches of records on the data plane. A batch is encoded with one
 * msgpack call for the whole array, never per record, and never JSON. Records are plain JS
 * values (primitives, arrays, plain objects, Uint8Array, Date).
 */
const packr = new Packr({ useRecords: false, moreTypes: false, bundleStrings: false });

export function encodeBatch(records: readonly unknown[]): Uint8Array {
  return packr.pack(records);
}

export function decodeBatch(bytes: Uint8Array): unknown[] {
  return packr.unpack(bytes) as unknown[];
}

/** Encodes an arbitrary value (state snapshots, control payloads). */
export function encodeValue(value: unknown): Uint8Array {
  return packr.pack(value);
}

export function decodeValue<T = unknown>(bytes: Uint8Array): T {
  return packr.unpack(bytes) as T;
}
