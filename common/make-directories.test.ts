import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirectories, makeDirectoriesSync } from './make-directories';

describe('makeDirectories', () => {
  it('creates nested directories and accepts existing ones', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-mkdir-'));
    await makeDirectories(path.join(root, 'a', 'b', 'c'));
    await makeDirectories(path.join(root, 'a', 'b', 'c'));
    makeDirectoriesSync(path.join(root, 'x', 'y'));
    makeDirectoriesSync(path.join(root, 'x', 'y'));
    expect(fs.statSync(path.join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(fs.statSync(path.join(root, 'x', 'y')).isDirectory()).toBe(true);
    fs.writeFileSync(path.join(root, 'file'), '');
    await expect(makeDirectories(path.join(root, 'file'))).rejects.toMatchObject({ code: 'EEXIST' });
    fs.rmSync(root, { recursive: true });
  });

  it.runIf(fs.existsSync('/proc/self'))('fails at once on procfs, where recursive mkdir never returns', async () => {
    await expect(makeDirectories('/proc/x/savepoint-1')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(() => makeDirectoriesSync('/proc/x/out')).toThrow(/ENOENT/);
  });
});
