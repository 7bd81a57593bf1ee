import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobManagerFixture } from '../../jobmanager/test-support/job-manager-fixture';
import { sourceMapSinkGraph, testArtifact } from '../../jobmanager/test-support/test-job-graphs';
import type { JobGraph } from '../../proto/messages';

/**
 * Bad-input corpus, gRPC surface (what a home-made client or a corrupted request sends to the
 * JobManagerGateway): each case gets the exact error code and its message, the wire is
 * untrusted, and nothing is left behind.
 */
let fx: JobManagerFixture;
let ended = '';

beforeAll(async () => {
  fx = await JobManagerFixture.start();
  await fx.addTaskManager({ slots: 4, autoRun: true });
  ended = await fx.submit(sourceMapSinkGraph('grpc-ended', 1));
  await fx.waitForJobState(ended, 'RUNNING');
  await fx.cancel(ended);
  await fx.waitForJobState(ended, 'CANCELED');
});
afterAll(async () => {
  await fx.close();
});

function graph(mutate: (g: JobGraph) => void): JobGraph {
  const g = sourceMapSinkGraph('corpus', 2);
  mutate(g);
  return g;
}

type Case = [name: string, call: () => Promise<unknown>, code: string, message: RegExp];
const submit = (g: JobGraph, artifact = testArtifact(), extra: object = {}) => fx.call('SubmitJob', { graph: g, artifact, savepointPath: '', allowNonRestoredState: false, ...extra });

const cases: Case[] = [
  ['a graph without vertices', () => submit(graph((g) => (g.vertices = []))), 'INVALID_GRAPH', /no vertices/],
  ['an edge to an unknown vertex', () => submit(graph((g) => (g.edges[0].target = 'nope'))), 'INVALID_GRAPH', /unknown vertices/],
  ['an edge from a vertex to itself', () => submit(graph((g) => (g.edges[0].target = g.edges[0].source))), 'INVALID_GRAPH', /^Edge [0-9a-f]+.*/],
  ['duplicate vertex ids', () => submit(graph((g) => (g.vertices[1].id = g.vertices[0].id))), 'INVALID_GRAPH', /Duplicate vertex/],
  ['parallelism 0', () => submit(graph((g) => (g.vertices[0].parallelism = 0))), 'INVALID_GRAPH', /parallelism/],
  ['parallelism above maxParallelism', () => submit(graph((g) => ((g.vertices[0].parallelism = 500), (g.vertices[0].maxParallelism = 128)))), 'INVALID_GRAPH', /maxParallelism/],
  ['no structural hash', () => submit(graph((g) => (g.hash = ''))), 'INVALID_GRAPH', /no valid structural hash/],
  ['config that is not JSON', () => submit(graph((g) => (g.configJson = '{'))), 'INVALID_GRAPH', /not valid JSON/],
  ['an unknown restart strategy', () => submit(graph((g) => (g.configJson = JSON.stringify({ restartStrategy: { type: 'sometimes' } })))), 'INVALID_GRAPH', /restart strategy|sometimes/],
  ['zero retained checkpoints', () => submit(graph((g) => (g.configJson = JSON.stringify({ checkpoint: { intervalMs: 100, mode: 'exactly-once', retained: 0 } })))), 'INVALID_GRAPH', /retained/],
  ['an empty artifact', () => submit(sourceMapSinkGraph('empty-artifact', 1), { ...testArtifact(), code: Buffer.alloc(0) }), 'INVALID_JOB_FILE', /artifact is empty/],
  ['a savepoint that does not exist', () => submit(sourceMapSinkGraph('sp', 1), testArtifact(), { savepointPath: '/nonexistent/savepoint-x' }), 'SAVEPOINT_INVALID', /nonexistent\/savepoint-x/],
  ['a savepoint path that is not a location', () => submit(sourceMapSinkGraph('sp2', 1), testArtifact(), { savepointPath: 's3://bucket/sp' }), 'SAVEPOINT_INVALID', /s3:\/\/bucket\/sp/],
  ['checkpoint storage on procfs', () => submit(graph((g) => (g.configJson = JSON.stringify({ checkpoint: { intervalMs: 100, mode: 'exactly-once', storage: '/proc/x/checkpoints' } })))), 'INVALID_ARGUMENT', /The checkpoint storage file:\/\/\/proc\/x\/checkpoints cannot be written: .*ENOENT/],
  ['status of a malformed id', () => fx.status('xyz'), 'INVALID_ARGUMENT', /'xyz' is not a job id/],
  ['status of an unknown id', () => fx.status('e'.repeat(32)), 'JOB_NOT_FOUND', /Job e{32} not found/],
  ['cancel of an ended job', () => fx.cancel(ended), 'ILLEGAL_STATE', /already CANCELED/],
  ['savepoint of an ended job', () => fx.call('TriggerSavepoint', { jobId: ended, targetDirectory: '', cancelJob: false, drain: false }), 'ILLEGAL_STATE', /only be taken of a RUNNING job/],
  ['savepoint of an unknown job', () => fx.call('TriggerSavepoint', { jobId: 'e'.repeat(32), targetDirectory: '', cancelJob: false, drain: false }), 'JOB_NOT_FOUND', /not found/],
  ['stop of a malformed id', () => fx.call('StopWithSavepoint', { jobId: '../..', targetDirectory: '', cancelJob: false, drain: false }), 'INVALID_ARGUMENT', /not a job id/],
];

describe('gRPC bad-input corpus', () => {
  it.each(cases)('%s', async (_name, call, code, message) => {
    const before = fx.jm.dispatcher.list().length;
    const err = await call().then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(err, 'the call must fail').toBeDefined();
    expect(err!.code).toBe(code);
    expect(err!.message).toMatch(message);
    expect(err!.message.split('\n')).toHaveLength(1);
    expect(fx.jm.dispatcher.list().length).toBe(before);
  });

  it('the JobManager accepts a good job after all of that', async () => {
    const jobId = await fx.submit(sourceMapSinkGraph('after-corpus', 1));
    await fx.waitForJobState(jobId, 'RUNNING');
  });
});
