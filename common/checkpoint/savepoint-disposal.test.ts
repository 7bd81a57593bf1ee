import { describe, it, expect, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { disposeSavepoint } from './savepoint-disposal';
import { writeMetadata, writeTaskState } from './state-files';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-dispose-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function write(name: string, isSavepoint: boolean): Promise<string> {
  const location = `file://${path.join(tmp, name)}`;
  const handle = await writeTaskState(location, 'v1', 0, new Uint8Array([1, 2, 3]));
  await writeMetadata(location, {
    format: 'sluice-checkpoint',
    version: 1,
    jobId: 'a'.repeat(32),
    checkpointId: 7,
    timestamp: 0,
    isSavepoint,
    vertices: [{ vertexId: 'v1', name: 'v', parallelism: 1, maxParallelism: 128, operatorUids: ['x'], handles: [handle] }],
  });
  return path.join(tmp, name);
}

describe('disposeSavepoint', () => {
  it('deletes a savepoint directory, given as the directory or its _metadata', async () => {
    const a = await write('sp-a', true);
    expect(await disposeSavepoint(a)).toBe(`file://${a}`);
    expect(fs.existsSync(a)).toBe(false);
    const b = await write('sp-b', true);
    await disposeSavepoint(path.join(b, '_metadata'));
    expect(fs.existsSync(b)).toBe(false);
  });

  it('refuses a retained checkpoint and leaves it alone', async () => {
    const c = await write('chk-7', false);
    await expect(disposeSavepoint(c)).rejects.toThrow(/checkpoint 7 of job a{32}, not a savepoint/);
    expect(fs.readdirSync(c).sort()).toEqual(['_metadata', 'v1-0.state']);
  });

  it('refuses paths that are not savepoints', async () => {
    await expect(disposeSavepoint('relative/dir')).rejects.toThrow(/is not a savepoint path/);
    await expect(disposeSavepoint(path.join(tmp, 'missing'))).rejects.toThrow(/No checkpoint or savepoint at/);
  });
});
