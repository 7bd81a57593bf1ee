import * as path from 'node:path';

/** Savepoint paths: a relative path is resolved here, where the user typed it. */
export function toLocation(p: string): string {
  // Any URI scheme stays as typed (s3:// is refused by storage with a clear message, not made a local path).
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(p) ? p : path.resolve(p);
}
