import { parseRedisLocation } from './redis-location';
import { type StorageBackend, schemeOf } from './storage-backend';
import { FileStorageBackend } from './file-storage-backend';
import { RedisStorageBackend } from './redis-storage-backend';
import { DEFAULT_STORAGE_TIMEOUT_MS, TimeBoundedStorage } from './time-bounded-storage';

let timeoutMs = DEFAULT_STORAGE_TIMEOUT_MS;
let fileBackend: StorageBackend = new TimeBoundedStorage(new FileStorageBackend(), timeoutMs);
const redisClients = new Map<string, RedisStorageBackend>();
const redisBackends = new Map<string, StorageBackend>();

/**
 * The backend for a location, every operation bounded in time (time-bounded-storage.ts); one
 * Redis client per server and database, shared.
 */
export function storageFor(location: string): StorageBackend {
  if (schemeOf(location) === 'file') return fileBackend;
  const base = parseRedisLocation(location)!.base;
  let backend = redisBackends.get(base);
  if (!backend) {
    const client = new RedisStorageBackend(base);
    redisClients.set(base, client);
    backend = new TimeBoundedStorage(client, timeoutMs);
    redisBackends.set(base, backend);
  }
  return backend;
}

/** How long one storage operation may take in this process (set once at start-up). */
export function setStorageTimeoutMs(ms: number): void {
  timeoutMs = ms;
  fileBackend = new TimeBoundedStorage(new FileStorageBackend(), ms);
  closeStorageClients();
}

/** Closes Redis clients so that a process can exit. */
export function closeStorageClients(): void {
  for (const b of redisClients.values()) b.close();
  redisClients.clear();
  redisBackends.clear();
}
