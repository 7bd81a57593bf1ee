import * as fs from 'node:fs';
import * as path from 'node:path';

/** Parsed JSON lines of every committed part file (names not starting with '.') under dir. */
export function readCommittedRecords<T = unknown>(dir: string): T[] {
  if (!fs.existsSync(dir)) return [];
  const out: T[] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    for (const line of fs.readFileSync(path.join(dir, name), 'utf8').split('\n')) if (line.length > 0) out.push(JSON.parse(line) as T);
  }
  return out;
}

export function hiddenFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.startsWith('.')) : [];
}
