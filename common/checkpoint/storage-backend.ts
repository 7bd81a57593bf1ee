import { parseRedisLocation } from './redis-location';
import { InvalidArgumentError } from '../errors';

/**
 * Byte storage addressed by location URIs: `file:///abs/path/...` or
 * `redis://host:port/db/path/...`. Checkpoints and savepoints are laid out on top of it
 * (state-files.ts), so both schemes hold the same canonical format.
 */
/** Bytes to store: whole, or in chunks to be stored one after the other (a snapshot's buffers). */
export type StorageBytes = Uint8Array | readonly Uint8Array[];

export function byteLength(data: StorageBytes): number {
  if (data instanceof Uint8Array) return data.byteLength;
  let n = 0;
  for (const chunk of data) n += chunk.byteLength;
  return n;
}

/** The bytes in one buffer (a copy when they are in several chunks). */
export function contiguous(data: StorageBytes): Uint8Array {
  if (data instanceof Uint8Array) return data;
  return data.length === 1 ? data[0] : Buffer.concat(data);
}

export interface StorageBackend {
  put(location: string, data: StorageBytes): Promise<void>;
  /** Replaces atomically: readers see the old value or the whole new one, never a part. */
  putAtomic(location: string, data: Uint8Array): Promise<void>;
  get(location: string): Promise<Uint8Array>;
  exists(location: string): Promise<boolean>;
  /** Names directly below a location (like a directory listing). */
  list(location: string): Promise<string[]>;
  /** Deletes a location and everything below it. Missing is fine. */
  deleteTree(location: string): Promise<void>;
}

export type StorageScheme = 'file' | 'redis';

export function schemeOf(location: string): StorageScheme {
  if (location.startsWith('file://')) return 'file';
  if (location.startsWith('redis://')) return 'redis';
  throw new InvalidArgumentError(`Unsupported storage location '${location}': use file:///absolute/dir or redis://host:port/db`);
}

/** Accepts an absolute path, file:// or redis:// URI; returns a location URI without trailing slash. */
export function normalizeLocation(raw: string): string {
  const s = raw.trim();
  if (s.startsWith('/')) return 'file://' + s.replace(/\/+$/, '');
  if (s.startsWith('file://')) {
    if (!s.startsWith('file:///')) throw new InvalidArgumentError(`'${raw}' is not an absolute file URI: use file:///absolute/dir`);
    return s.replace(/\/+$/, '');
  }
  if (s.startsWith('redis://')) {
    const redis = parseRedisLocation(s);
    if (!redis) throw new InvalidArgumentError(`'${raw}' is not a Redis location: use redis://host:port/db[/path]`);
    return redis.base + redis.path;
  }
  throw new InvalidArgumentError(`Unsupported storage location '${raw}': use an absolute path, file:///absolute/dir or redis://host:port/db`);
}

export function childLocation(parent: string, name: string): string {
  return `${parent.replace(/\/+$/, '')}/${name}`;
}

export function parentLocation(location: string): string {
  return location.slice(0, location.lastIndexOf('/'));
}
