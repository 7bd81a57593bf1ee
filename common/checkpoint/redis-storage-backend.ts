import { parseRedisLocation } from './redis-location';
import Redis from 'ioredis';
import { contiguous, type StorageBackend, type StorageBytes } from './storage-backend';
import { StorageError } from './storage-errors';

const KEY_PREFIX = 'sluice:';
const FENCED_SET = `if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('SET', KEYS[1], ARGV[1]) return 1 end return 0`;
const READY_TIMEOUT_MS = 2_000;

/**
 * Checkpoint storage in Redis (ioredis). A location `redis://host:port/db/a/b` is the key
 * `sluice:/a/b`. Commands fail fast while Redis is unreachable (no offline queue), so a
 * checkpoint fails instead of the job waiting on it; the client reconnects on its own.
 */
export class RedisStorageBackend implements StorageBackend {
  private readonly client: Redis;

  constructor(private readonly base: string) {
    const redis = parseRedisLocation(base);
    if (!redis || redis.path !== '') throw new StorageError(`bad Redis base location ${base}`);
    this.client = new Redis({
      host: redis.host,
      port: redis.port,
      db: redis.db,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: READY_TIMEOUT_MS,
      commandTimeout: 10_000,
      retryStrategy: () => 500,
    });
    // Connection errors surface through the commands that need Redis; an idle client's
    // reconnect attempts must not crash the process or flood the log.
    this.client.on('error', () => {});
  }

  async put(location: string, data: StorageBytes): Promise<void> {
    // One SET holds the whole value: chunks are joined first.
    const bytes = contiguous(data);
    await this.run(`write ${location}`, (c) => c.set(this.key(location), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  async putAtomic(location: string, data: Uint8Array): Promise<void> {
    // SET replaces a key atomically.
    await this.put(location, data);
  }

  /**
   * Writes only while `tokenKey` still holds `token` (a fencing token): a JobManager that lost
   * its leadership cannot overwrite what the new leader wrote.
   */
  async putFenced(location: string, data: Uint8Array, tokenKey: string, token: number): Promise<void> {
    const ok = await this.run(`write ${location}`, (c) =>
      c.eval(FENCED_SET, 2, this.key(location), tokenKey, Buffer.from(data.buffer, data.byteOffset, data.byteLength), String(token)),
    );
    if (Number(ok) !== 1) throw new StorageError(`Refused to write ${location}: fencing token ${token} is stale (a newer JobManager leads)`);
  }

  async get(location: string): Promise<Uint8Array> {
    const value = await this.run(`read ${location}`, (c) => c.getBuffer(this.key(location)));
    if (value === null) throw new StorageError(`Cannot read ${location}: no such key`);
    return value;
  }

  async exists(location: string): Promise<boolean> {
    return (await this.run(`check ${location}`, (c) => c.exists(this.key(location)))) === 1;
  }

  async list(location: string): Promise<string[]> {
    const prefix = this.key(location) + '/';
    const names = new Set<string>();
    for (const key of await this.scan(prefix)) names.add(key.slice(prefix.length).split('/')[0]);
    return [...names];
  }

  async deleteTree(location: string): Promise<void> {
    const key = this.key(location);
    const keys = [key, ...(await this.scan(key + '/'))];
    await this.run(`delete ${location}`, (c) => c.del(...keys));
  }

  close(): void {
    this.client.disconnect();
  }

  private key(location: string): string {
    if (!location.startsWith(this.base)) throw new StorageError(`${location} is not below ${this.base}`);
    return KEY_PREFIX + location.slice(this.base.length);
  }

  private async scan(prefix: string): Promise<string[]> {
    return this.run(`list ${prefix}`, async (c) => {
      const out: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await c.scan(cursor, 'MATCH', escapeGlob(prefix) + '*', 'COUNT', 1000);
        cursor = next;
        out.push(...keys);
      } while (cursor !== '0');
      return out;
    });
  }

  private async run<T>(what: string, fn: (c: Redis) => Promise<T>): Promise<T> {
    try {
      await this.ready();
      return await fn(this.client);
    } catch (err) {
      if (err instanceof StorageError) throw err;
      throw new StorageError(`Cannot ${what}: ${(err as Error).message}`, err);
    }
  }

  private async ready(): Promise<void> {
    const status = this.client.status;
    if (status === 'ready') return;
    if (status === 'wait' || status === 'end') this.client.connect().catch(() => {});
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new StorageError(`Redis at ${this.base} is unreachable`));
      }, READY_TIMEOUT_MS);
      const onReady = () => {
        cleanup();
        resolve();
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.client.off('ready', onReady);
      };
      this.client.on('ready', onReady);
      if (this.client.status === 'ready') onReady();
    });
  }
}

function escapeGlob(s: string): string {
  return s.replace(/[*?[\]\\]/g, '\\$&');
}
