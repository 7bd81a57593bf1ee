import * as fs from 'node:fs';
import type { CommitRequest, Committer } from '../../connector/sink';
import type { FileCommittable } from './file-committable';

/** Commits part files by an atomic rename; a part already committed is success (idempotent). */
export class FileCommitter implements Committer<FileCommittable> {
  async commit(requests: CommitRequest<FileCommittable>[]): Promise<void> {
    for (const r of requests) commitPart(r.committable);
  }
}

export function commitPart(part: FileCommittable): void {
  try {
    fs.renameSync(part.pending, part.committed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync(part.committed)) throw err;
  }
}
