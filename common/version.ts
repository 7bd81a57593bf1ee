import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/** Sluice's version from the package's package.json (found from source and from dist/). */
export function sluiceVersion(): string {
  if (cached) return cached;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const file = path.join(dir, 'package.json');
    try {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sluice' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here; look further up
    }
    dir = path.dirname(dir);
  }
  return (cached = 'unknown');
}
