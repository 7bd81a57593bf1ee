import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let dir: string | undefined;

/**
 * The working directory of every process a test starts: a temp directory per test run, never
 * the checkout, so that a relative path a process resolves (a savepoint target, a data dir, a
 * log file) cannot land in the repository. Removed when the test run's process exits.
 */
export function testWorkingDirectory(): string {
  if (!dir) {
    const created = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-test-cwd-'));
    dir = created;
    process.once('exit', () => fs.rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}
