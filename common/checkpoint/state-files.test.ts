import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkpointLocation, writeTaskState, readTaskState, writeMetadata, readMetadata, listCompletedCheckpoints, discardLocation, verifyCheckpoint } from './state-files';
import type { CheckpointMetadata } from './checkpoint-metadata';
import * as net from 'node:net';
import { closeStorageClients, setStorageTimeoutMs, storageFor } from './storage-registry';
import { DEFAULT_STORAGE_TIMEOUT_MS } from './time-bounded-storage';
import { normalizeLocation } from './storage-backend';
import { TestRedis } from '../../test/harness/redis-server';

function metadata(jobId: string, id: number, handles: CheckpointMetadata['vertices'][0]['handles']): CheckpointMetadata {
  return { format: 'sluice-checkpoint', version: 1, jobId, checkpointId: id, timestamp: Date.now(), isSavepoint: false, vertices: [{ vertexId: 'v1', name: 'V', parallelism: handles.length, maxParallelism: 128, operatorUids: ['op'], handles }] };
}

describe.each(['file', 'redis'] as const)('checkpoint storage on %s', (scheme) => {
  let root: string;
  let redis: TestRedis | undefined;
  const jobId = 'a'.repeat(32);

  beforeAll(async () => {
    if (scheme === 'redis') {
      redis = await TestRedis.start();
      root = `${redis.url}/checkpoints`;
    } else {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-storage-'));
    }
  });

  afterAll(async () => {
    closeStorageClients();
    await redis?.stop();
    if (scheme === 'file') fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes state and metadata, lists completed checkpoints, reads back verified', async () => {
    for (const id of [1, 2]) {
      const loc = checkpointLocation(root, jobId, id);
      const h0 = await writeTaskState(loc, 'v1', 0, new Uint8Array([1, 2, 3, id]));
      const h1 = await writeTaskState(loc, 'v1', 1, new Uint8Array([4, 5, id]));
      expect(h0.location).toBe('./v1-0.state');
      await writeMetadata(loc, metadata(jobId, id, [h0, h1]));
    }
    // a checkpoint without metadata (half written) does not count
    await writeTaskState(checkpointLocation(root, jobId, 3), 'v1', 0, new Uint8Array([9]));
    expect(await listCompletedCheckpoints(root, jobId)).toEqual([1, 2]);

    const { metadata: m, directory } = await readMetadata(checkpointLocation(root, jobId, 2));
    expect(m.checkpointId).toBe(2);
    expect(Array.from(await readTaskState(directory, m.vertices[0].handles[1]))).toEqual([4, 5, 2]);
    await verifyCheckpoint(directory, m);
  });

  it('writes state given in chunks as the bytes of the chunks in order, with their size and checksum', async () => {
    const loc = checkpointLocation(root, jobId, 7);
    const whole = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));
    const chunks = [whole.subarray(0, 1), whole.subarray(1, 70_000), whole.subarray(70_000, 70_000), whole.subarray(70_000)];
    const fromChunks = await writeTaskState(loc, 'v2', 0, chunks);
    const fromWhole = await writeTaskState(loc, 'v2', 1, whole);
    expect({ size: fromChunks.size, sha256: fromChunks.sha256 }).toEqual({ size: fromWhole.size, sha256: fromWhole.sha256 });
    expect(Buffer.from(await readTaskState(loc, fromChunks)).equals(whole)).toBe(true);
  });

  it('refuses corrupt state and missing or garbage metadata', async () => {
    const loc = checkpointLocation(root, jobId, 7);
    const h = await writeTaskState(loc, 'v1', 0, new Uint8Array([1, 2, 3]));
    await writeMetadata(loc, metadata(jobId, 7, [h]));
    // overwrite the blob with other bytes of the same length
    await writeTaskState(loc, 'v1', 0, new Uint8Array([3, 2, 1]));
    const { metadata: m, directory } = await readMetadata(loc);
    await expect(verifyCheckpoint(directory, m)).rejects.toThrow(/corrupt/);
    await expect(readMetadata(checkpointLocation(root, jobId, 99))).rejects.toThrow(/No checkpoint or savepoint/);
    const bad = checkpointLocation(root, jobId, 8);
    await storageFor(bad).put(`${bad}/_metadata`, Buffer.from('not json'));
    await expect(readMetadata(bad)).rejects.toThrow(/not checkpoint metadata/);
  });

  it('confines state handles to their checkpoint directory', async () => {
    const loc = checkpointLocation(root, jobId, 30);
    const h = await writeTaskState(loc, 'v1', 0, new Uint8Array([1]));
    for (const location of ['./../../../etc/hostname', '../v1-0.state', '/etc/hostname', 'file:///etc/hostname', './a/b.state', './..', './'])
      await expect(readTaskState(loc, { ...h, location })).rejects.toThrow(/does not name a file inside the checkpoint or savepoint directory/);
    expect(Array.from(await readTaskState(loc, h))).toEqual([1]);
  });

  it('discards a checkpoint completely', async () => {
    const loc = checkpointLocation(root, jobId, 20);
    const h = await writeTaskState(loc, 'v1', 0, new Uint8Array([1]));
    await writeMetadata(loc, metadata(jobId, 20, [h]));
    expect(await listCompletedCheckpoints(root, jobId)).toContain(20);
    await discardLocation(loc);
    expect(await listCompletedCheckpoints(root, jobId)).not.toContain(20);
  });
});

describe('storage locations', () => {
  it('normalizes paths and URIs and rejects others with a clear message', () => {
    expect(normalizeLocation('/tmp/x/')).toBe('file:///tmp/x');
    expect(normalizeLocation('redis://127.0.0.1:6380/2/a/')).toBe('redis://127.0.0.1:6380/2/a');
    expect(normalizeLocation('redis://localhost')).toBe('redis://localhost:6379/0');
    expect(() => normalizeLocation('s3://bucket')).toThrow(/Unsupported storage location/);
    expect(() => normalizeLocation('relative/dir')).toThrow(/absolute/);
  });

  it('bounds every operation in time: a Redis that accepts connections and never answers fails the operation', async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket)); // reads, never replies
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as net.AddressInfo).port;
    setStorageTimeoutMs(300);
    try {
      const loc = `redis://127.0.0.1:${port}/0/cp/x`;
      const started = Date.now();
      await expect(storageFor(loc).put(loc, new Uint8Array([1]))).rejects.toThrow(/did not answer within 0.3 s/);
      await expect(storageFor(loc).exists(loc)).rejects.toMatchObject({ code: 'STORAGE_FAILURE', retryable: true });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      setStorageTimeoutMs(DEFAULT_STORAGE_TIMEOUT_MS);
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('fails at once on a file system where mkdir never settles (procfs)', async () => {
    const loc = 'file:///proc/x/savepoint-1/v-0.state';
    await expect(storageFor(loc).put(loc, new Uint8Array([1]))).rejects.toThrow(/Cannot write \/proc\/x\/savepoint-1\/v-0.state: ENOENT/);
  });

  it('fails fast when Redis is unreachable', async () => {
    const started = Date.now();
    await expect(storageFor('redis://127.0.0.1:1/0/x').put('redis://127.0.0.1:1/0/x/y', new Uint8Array([1]))).rejects.toThrow(/unreachable|Cannot write/);
    expect(Date.now() - started).toBeLessThan(5000);
    closeStorageClients();
  });
});
