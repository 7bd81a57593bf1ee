import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * `mkdir -p` without `fs.mkdir(..., { recursive: true })`: on procfs and sysfs, mkdir answers
 * ENOENT for a directory whose parent exists, and Node's recursive mkdir then retries forever
 * (the promise never settles and a thread-pool thread spins; the sync call never returns).
 * Here each level is tried at most twice, so such a path fails at once with the system's error.
 */
export async function makeDirectories(dir: string): Promise<void> {
  try {
    await fs.promises.mkdir(dir);
    return;
  } catch (err) {
    if (await alreadyThere(err, dir)) return;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(dir) === dir) throw err;
  }
  await makeDirectories(path.dirname(dir));
  try {
    await fs.promises.mkdir(dir);
  } catch (err) {
    if (!(await alreadyThere(err, dir))) throw err;
  }
}

/** The same, synchronously (for operators that set up their directory while opening). */
export function makeDirectoriesSync(dir: string): void {
  try {
    fs.mkdirSync(dir);
    return;
  } catch (err) {
    if (alreadyThereSync(err, dir)) return;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(dir) === dir) throw err;
  }
  makeDirectoriesSync(path.dirname(dir));
  try {
    fs.mkdirSync(dir);
  } catch (err) {
    if (!alreadyThereSync(err, dir)) throw err;
  }
}

async function alreadyThere(err: unknown, dir: string): Promise<boolean> {
  if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  if ((await fs.promises.stat(dir)).isDirectory()) return true;
  throw err;
}

function alreadyThereSync(err: unknown, dir: string): boolean {
  if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return false;
  if (fs.statSync(dir).isDirectory()) return true;
  throw err;
}
