import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import type { StorageBackend, StorageBytes } from './storage-backend';
import { StorageError } from './storage-errors';
import { makeDirectories } from '../make-directories';

/** Checkpoint storage on a file system (shared by all processes, e.g. local disk or NFS). */
export class FileStorageBackend implements StorageBackend {
  async put(location: string, data: StorageBytes): Promise<void> {
    const file = toPath(location);
    await wrap(`write ${file}`, async () => {
      await makeDirectories(path.dirname(file));
      await fs.writeFile(file, data);
    });
  }

  async putAtomic(location: string, data: Uint8Array): Promise<void> {
    const file = toPath(location);
    await wrap(`write ${file}`, async () => {
      await makeDirectories(path.dirname(file));
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      const handle = await fs.open(tmp, 'w');
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(tmp, file);
    });
  }

  async get(location: string): Promise<Uint8Array> {
    const file = toPath(location);
    return wrap(`read ${file}`, () => fs.readFile(file));
  }

  async exists(location: string): Promise<boolean> {
    try {
      await fs.access(toPath(location));
      return true;
    } catch {
      return false;
    }
  }

  async list(location: string): Promise<string[]> {
    try {
      return await fs.readdir(toPath(location));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new StorageError(`Cannot list ${toPath(location)}: ${(err as Error).message}`, err);
    }
  }

  async deleteTree(location: string): Promise<void> {
    await wrap(`delete ${toPath(location)}`, () => fs.rm(toPath(location), { recursive: true, force: true }));
  }
}

function toPath(location: string): string {
  return fileURLToPath(location);
}

async function wrap<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw new StorageError(`Cannot ${what}: ${(err as Error).message}`, err);
  }
}
