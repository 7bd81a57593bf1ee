import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(__dirname, '..');
const committed = join(repo, 'proto', 'generated');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

describe('proto/generated', () => {
  const fresh = mkdtempSync(join(tmpdir(), 'sluice-proto-gen-'));
  afterAll(() => rmSync(fresh, { recursive: true, force: true }));

  it('is what `npm run proto` generates from sluice.proto today (run it and commit the result)', () => {
    execFileSync(process.execPath, [join(repo, 'scripts', 'generate-proto-types.mjs'), fresh], { stdio: ['ignore', 'ignore', 'pipe'] });
    const expected = filesUnder(fresh);
    expect(expected.length).toBeGreaterThan(10);
    expect(filesUnder(committed), 'generated files added or removed: run `npm run proto`').toEqual(expected);
    for (const file of expected) {
      expect(readFileSync(join(committed, file), 'utf8'), `${file} is stale: run \`npm run proto\``).toBe(readFileSync(join(fresh, file), 'utf8'));
    }
  });
});
