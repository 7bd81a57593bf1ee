import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointLocation, readMetadata, readTaskState, verifyCheckpoint, writeMetadata, writeTaskState } from '../../common/checkpoint/state-files';
import type { CheckpointMetadata } from '../../common/checkpoint/checkpoint-metadata';

/**
 * Bad-input corpus, checkpoint and savepoint files: what a disk error, a hand edit or a
 * hostile savepoint puts into `_metadata` and the state files. Each is refused with the
 * CHECKPOINT_FAILURE code and a message naming the file; none is read past.
 */
let root: string;
const JOB = 'c'.repeat(32);

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-file-corpus-'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function checkpointWith(id: number, edit: (m: CheckpointMetadata) => unknown): Promise<string> {
  const loc = checkpointLocation(`file://${root}`, JOB, id);
  const h = await writeTaskState(loc, 'v1', 0, new Uint8Array([1, 2, 3]));
  const m: CheckpointMetadata = { format: 'sluice-checkpoint', version: 1, jobId: JOB, checkpointId: id, timestamp: 1, isSavepoint: true, vertices: [{ vertexId: 'v1', name: 'V', parallelism: 1, maxParallelism: 128, operatorUids: ['op'], handles: [h] }] };
  const edited = edit(m);
  await writeMetadata(loc, (edited ?? m) as CheckpointMetadata);
  return loc;
}

type Case = [name: string, make: () => Promise<string>, message: RegExp];
const raw = (id: number, bytes: string | Buffer) => async () => {
  const loc = checkpointLocation(`file://${root}`, JOB, id);
  const dir = new URL(loc).pathname;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, '_metadata'), bytes);
  return loc;
};
const cases: Case[] = [
  ['_metadata is not JSON', raw(1, 'garbage'), /_metadata is not checkpoint metadata \(not JSON\)/],
  ['_metadata is empty', raw(2, ''), /not checkpoint metadata/],
  ['_metadata is binary', raw(3, Buffer.from([0, 255, 1, 254])), /not checkpoint metadata/],
  ['_metadata is JSON of something else', raw(4, '{"hello": "world"}'), /is not Sluice checkpoint metadata/],
  ['_metadata is a JSON array', raw(5, '[1,2,3]'), /is not Sluice checkpoint metadata/],
  ['a future metadata version', () => checkpointWith(6, (m) => ({ ...m, version: 99 })), /unsupported metadata version 99/],
  ['vertices missing', () => checkpointWith(7, (m) => ({ ...m, vertices: undefined })), /malformed metadata/],
  ['handles fewer than the parallelism', () => checkpointWith(8, (m) => void (m.vertices[0].parallelism = 3)), /vertex v1 lists 1 state handles for parallelism 3/],
  ['a handle that climbs out of the savepoint', () => checkpointWith(9, (m) => void (m.vertices[0].handles[0].location = './../../../etc/hostname')), /State handle '\.\/\.\.\/\.\.\/\.\.\/etc\/hostname' .* does not name a file inside the checkpoint or savepoint directory/],
  ['an absolute handle', () => checkpointWith(10, (m) => void (m.vertices[0].handles[0].location = '/etc/hostname')), /does not name a file inside/],
  ['a handle on another storage', () => checkpointWith(11, (m) => void (m.vertices[0].handles[0].location = 'redis://127.0.0.1:6379/0/x')), /does not name a file inside/],
  ['a state file with other bytes', () => checkpointWith(12, (m) => void (m.vertices[0].handles[0].sha256 = '0'.repeat(64))), /is corrupt: expected 3 bytes with sha256 000000000000/],
  ['a state file of another size', () => checkpointWith(13, (m) => void (m.vertices[0].handles[0].size = 4)), /is corrupt: expected 4 bytes/],
  ['a state file that is gone', () => checkpointWith(14, (m) => void (m.vertices[0].handles[0].location = './v9-0.state')), /Cannot read .*v9-0\.state: ENOENT/],
  ['no _metadata at all', async () => checkpointLocation(`file://${root}`, JOB, 15), /No checkpoint or savepoint at .*chk-15/],
];

describe('checkpoint file bad-input corpus', () => {
  it.each(cases)('%s', async (_name, make, message) => {
    const loc = await make();
    const err = await (async () => {
      const { metadata, directory } = await readMetadata(loc);
      await verifyCheckpoint(directory, metadata);
      for (const v of metadata.vertices) for (const h of v.handles) await readTaskState(directory, h);
    })().then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err, 'must be refused').toBeDefined();
    expect(err!.message).toMatch(message);
    expect(['CHECKPOINT_FAILURE', 'STORAGE_FAILURE']).toContain(err!.code);
  });
});
