import * as path from 'node:path';

/** Savepoint paths: a relative path is resolved here, where the user typed it. */
export function toLocation(p: string): string {
  return /^[a-z]+:\/\//.test(p) ? p : path.resolve(p);
}
