import { type StorageBackend, schemeOf } from './storage-backend';
import { FileStorageBackend } from './file-storage-backend';
import { RedisStorageBackend } from './redis-storage-backend';

const fileBackend = new FileStorageBackend();
const redisBackends = new Map<string, RedisStorageBackend>();

/** The backend for a location; one Redis client per server and database, shared. */
export function storageFor(location: string): StorageBackend {
  if (schemeOf(location) === 'file') return fileBackend;
  const base = /^redis:\/\/[^/]+\/\d+/.exec(location)![0];
  let backend = redisBackends.get(base);
  if (!backend) {
    backend = new RedisStorageBackend(base);
    redisBackends.set(base, backend);
  }
  return backend;
}

/** Closes Redis clients so that a process can exit. */
export function closeStorageClients(): void {
  for (const b of redisBackends.values()) b.close();
  redisBackends.clear();
}
