import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * vitest globalSetup: the test suite fails when it wrote into the checkout. Tests write into
 * temp directories (and processes run there, see test-working-directory.ts); `dist/` and
 * `test-output/` are gitignored and so not seen here. Compares `git status` before and after.
 */
const ROOT = path.join(__dirname, '..', '..');

function status(): Set<string> {
  const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' });
  return new Set(out.split('\n').filter(Boolean));
}

export function setup(): () => void {
  let before: Set<string>;
  try {
    before = status();
  } catch {
    // Not a git checkout (an unpacked package): nothing to compare against.
    return () => {};
  }
  return () => {
    const written = [...status()].filter((line) => !before.has(line));
    if (written.length === 0) return;
    // vitest reports an error thrown here but keeps its exit code: set the failure ourselves.
    process.exitCode = 1;
    throw new Error(`The tests wrote into the checkout (write to a temp directory instead; run processes with test/harness's working directory):\n${written.join('\n')}`);
  };
}
