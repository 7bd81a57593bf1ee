import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect } from 'vitest';
import { InvalidArgumentError } from '../../common/errors';

/** The message of the InvalidArgumentError `fn` throws (bad configuration); fails if it throws none or another. */
export function invalidArgumentMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    return (err as Error).message;
  }
  throw new Error('expected an InvalidArgumentError');
}

/** The config of a loader's result; fails on `--help` / `--version` results. */
export function configOf<C>(result: { kind: 'config'; config: C } | { kind: 'help' | 'version' }): C {
  if (result.kind !== 'config') throw new Error(`expected a config, got ${result.kind}`);
  return result.config;
}

/**
 * A temp directory for the file's config files, removed after its tests, and `file(name,
 * content)` writing one there (objects as JSON) and giving its path.
 */
export function configFileDirectory(prefix: string): (name: string, content: unknown) => string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
    return p;
  };
}
