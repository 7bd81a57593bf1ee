/** From this size on, state and snapshot memory is allocated outside V8's external memory accounting. */
export const UNACCOUNTED_FROM = 64 * 1024;

/**
 * Large buffers and typed arrays of state snapshots and change tracking, backed by a
 * SharedArrayBuffer, which V8 does not count as the isolate's external memory (a shared
 * backing store is accounted as 0 bytes per isolate). Their bytes are never shared with
 * another thread: only the allocation differs.
 *
 * Why: every ordinary ArrayBuffer counts, and once external memory has grown by about 64 MB
 * since the last full GC, V8 starts marking the whole heap ("external memory pressure").
 * Checkpoints of state that grows allocate about that much per snapshot (buffers, entry
 * offsets), so every checkpoint of Nexmark q8 started a full GC of the slot's 300-750 MB heap:
 * all of that run's full GCs had this reason, each well below the heap's own limit, and V8's
 * marking threads used a third more CPU than without checkpoints. This memory is kept and
 * reused (TaskCheckpointer, WriteChunks, TableChanges), so what V8 is not told about is what
 * the state's snapshots hold; an array that is dropped is freed with its wrapper at a later GC.
 */
export function unaccountedBuffer(bytes: number): Buffer {
  return bytes >= UNACCOUNTED_FROM ? Buffer.from(new SharedArrayBuffer(bytes)) : Buffer.allocUnsafe(bytes);
}

/** A zeroed Float64Array of `length`, unaccounted when large (see unaccountedBuffer). */
export function unaccountedFloat64Array(length: number): Float64Array {
  return 8 * length >= UNACCOUNTED_FROM ? new Float64Array(new SharedArrayBuffer(8 * length)) : new Float64Array(length);
}

/** A zeroed Uint8Array of `length`, unaccounted when large (see unaccountedBuffer). */
export function unaccountedUint8Array(length: number): Uint8Array {
  return length >= UNACCOUNTED_FROM ? new Uint8Array(new SharedArrayBuffer(length)) : new Uint8Array(length);
}

/** A zeroed Int32Array of `length`, unaccounted when large (see unaccountedBuffer). */
export function unaccountedInt32Array(length: number): Int32Array {
  return 4 * length >= UNACCOUNTED_FROM ? new Int32Array(new SharedArrayBuffer(4 * length)) : new Int32Array(length);
}
