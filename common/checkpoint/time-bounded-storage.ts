import type { StorageBackend, StorageBytes } from './storage-backend';
import { StorageError } from './storage-errors';

/** How long one storage operation may take before it counts as failed. */
export const DEFAULT_STORAGE_TIMEOUT_MS = 60_000;

/**
 * Bounds every operation of a storage backend in time. A file system that never answers (a
 * hung NFS mount, a path on procfs) or a Redis that accepts connections and then stalls must
 * fail a checkpoint with a clear error, not hold it (and every sink commit behind it) until the
 * checkpoint timeout. The operation itself cannot be cancelled; its late result is ignored.
 */
export class TimeBoundedStorage implements StorageBackend {
  constructor(
    /** The backend bounded here (for operations beyond the interface, e.g. fenced Redis writes). */
    readonly inner: StorageBackend,
    private readonly timeoutMs: number = DEFAULT_STORAGE_TIMEOUT_MS,
  ) {}

  put(location: string, data: StorageBytes): Promise<void> {
    return this.bound(`write ${location}`, () => this.inner.put(location, data));
  }

  putAtomic(location: string, data: Uint8Array): Promise<void> {
    return this.bound(`write ${location}`, () => this.inner.putAtomic(location, data));
  }

  get(location: string): Promise<Uint8Array> {
    return this.bound(`read ${location}`, () => this.inner.get(location));
  }

  exists(location: string): Promise<boolean> {
    return this.bound(`look up ${location}`, () => this.inner.exists(location));
  }

  list(location: string): Promise<string[]> {
    return this.bound(`list ${location}`, () => this.inner.list(location));
  }

  deleteTree(location: string): Promise<void> {
    return this.bound(`delete ${location}`, () => this.inner.deleteTree(location));
  }

  /** Runs any operation of the inner backend under the same time bound. */
  bound<T>(what: string, op: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new StorageError(`Cannot ${what}: the storage did not answer within ${this.timeoutMs / 1000} s`)),
        this.timeoutMs,
      );
      timer.unref();
      op().then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }
}
