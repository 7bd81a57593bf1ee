import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HaStore } from '../ha/ha-store';
import { JobManagerFixture } from '../test-support/job-manager-fixture';
import { sourceMapSinkGraph, testArtifact } from '../test-support/test-job-graphs';
import { normalizeLocation } from '../../common/checkpoint/storage-backend';

const id = (c: string) => c.repeat(32);

/**
 * Admission and recovery (issue 12): a job is validated before it is written to the HA store,
 * and after a JobManager restart every stored job is recovered on its own: an unreadable or
 * invalid one is left in the store with an error, the others recover; a job whose checkpoint
 * cannot be read fails with the cause instead of starting with empty state.
 */
describe('dispatcher admission and recovery', () => {
  const fixtures: JobManagerFixture[] = [];
  afterEach(async () => {
    for (const f of fixtures.splice(0)) await f.close();
  });

  it('a refused submission leaves nothing in the HA store', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-admission-'));
    const fx = await JobManagerFixture.start({ dataDir });
    fixtures.push(fx);
    const graph = sourceMapSinkGraph('bad-restart', 1);
    graph.configJson = JSON.stringify({ restartStrategy: { type: 'sometimes' } });
    await expect(fx.submit(graph)).rejects.toMatchObject({ code: expect.stringMatching(/INVALID/) });
    const noHash = { ...sourceMapSinkGraph('no-hash', 1), hash: '' };
    await expect(fx.submit(noHash)).rejects.toMatchObject({ code: 'INVALID_GRAPH' });
    expect(await new HaStore(path.join(dataDir, 'ha')).jobs()).toEqual([]);
  });

  it('recovers each stored job on its own: bad entries stay behind, a job with an unreadable checkpoint fails with the cause, good ones run', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-recovery-'));
    const haRoot = path.join(dataDir, 'ha');
    const ha = new HaStore(haRoot);
    const base = { artifact: testArtifact(), submittedAt: Date.now(), savepointPath: '', allowNonRestoredState: false };
    // 1: bytes that are not a stored job at all
    fs.mkdirSync(path.join(haRoot, 'jobs'), { recursive: true });
    fs.writeFileSync(path.join(haRoot, 'jobs', id('1')), 'garbage');
    // 2: a graph that does not validate
    await ha.putJob({ ...base, jobId: id('2'), graph: { ...sourceMapSinkGraph('invalid', 1), vertices: [] } });
    // 3: a checkpoint pointer to a checkpoint that is gone
    await ha.putJob({ ...base, jobId: id('3'), graph: sourceMapSinkGraph('lost-checkpoint', 1) });
    await ha.putCheckpoint(id('3'), { checkpointId: 7, externalPath: `${normalizeLocation(path.join(dataDir, 'checkpoints'))}/${id('3')}/chk-7/_metadata` });
    // 4 and 5: healthy jobs, one stored after each bad one
    await ha.putJob({ ...base, jobId: id('4'), graph: sourceMapSinkGraph('healthy-a', 1) });
    await ha.putJob({ ...base, jobId: id('5'), graph: sourceMapSinkGraph('healthy-b', 1) });

    const fx = await JobManagerFixture.start({ dataDir });
    fixtures.push(fx);
    const known = fx.jm.dispatcher.list().map((j) => j.jobId).sort();
    expect(known).toEqual([id('3'), id('4'), id('5')]);
    for (const healthy of [id('4'), id('5')]) expect(['CREATED', 'RUNNING']).toContain(fx.jm.dispatcher.get(healthy).scheduler.state);

    await fx.addTaskManager({ slots: 4, autoRun: true });
    await fx.waitForJobState(id('3'), 'FAILED', 10_000);
    const failed = fx.jm.dispatcher.get(id('3')).scheduler;
    expect(failed.failureCause).toMatch(/No retained checkpoint can be restored.*checkpoint 7/);
    expect(failed.executionGraph.executions().every((e) => e.state !== 'RUNNING')).toBe(true);
    await fx.waitForJobState(id('4'), 'RUNNING', 10_000);
    await fx.waitForJobState(id('5'), 'RUNNING', 10_000);
    // The entries that could not be recovered are still there for an operator to look at.
    expect(fs.existsSync(path.join(haRoot, 'jobs', id('1')))).toBe(true);
    expect(fs.existsSync(path.join(haRoot, 'jobs', id('2')))).toBe(true);
  });
});
