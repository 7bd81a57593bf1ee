import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SluiceError } from '../common/errors';
import type { JobDeploymentInfo, JobGraph } from '../proto/messages';
import { JobManagerFixture } from './test-support/job-manager-fixture';
import { ProtocolTaskManager } from './test-support/protocol-task-manager';
import { sourceMapSinkGraph, testArtifact, testJobGraph } from './test-support/test-job-graphs';

let fx: JobManagerFixture;
beforeAll(async () => {
  fx = await JobManagerFixture.start({ slotRequestTimeoutMs: 60_000 });
});
afterAll(() => fx.close());

async function errorOf(p: Promise<unknown>): Promise<SluiceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!err) throw new Error('expected the call to fail');
  return err as SluiceError;
}

describe('JobManagerGateway', () => {
  it('accepts a job, returns a 32-hex job id at once and lists it', async () => {
    const jobId = await fx.submit(sourceMapSinkGraph('listed', 1));
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    const jobs = await fx.list();
    const listed = jobs.find((j) => j.jobId === jobId);
    expect(listed).toMatchObject({ name: 'listed', state: 'CREATED', failureCause: '' });
    expect(listed?.endTime).toBeUndefined();
    const status = await fx.status(jobId);
    expect(status.vertices.map((v) => [v.name, v.parallelism, v.state, v.subtasks.length])).toEqual([
      ['source', 1, 'CREATED', 1],
      ['map', 1, 'CREATED', 1],
      ['sink', 1, 'CREATED', 1],
    ]);
  });

  it('rejects an invalid graph with INVALID_GRAPH (the wire is untrusted)', async () => {
    const cyclic = testJobGraph(
      'cyclic',
      [
        { uid: 'source', kind: 'source.socket', parallelism: 1 },
        { uid: 'a', kind: 'map', parallelism: 1 },
        { uid: 'b', kind: 'map', parallelism: 1 },
      ],
      [
        { from: 'source', to: 'a', partitioner: 'forward' },
        { from: 'a', to: 'b', partitioner: 'forward' },
        { from: 'b', to: 'a', partitioner: 'forward' },
      ],
    );
    let err = await errorOf(fx.submit(cyclic));
    expect(err.code).toBe('INVALID_GRAPH');
    expect(err.message).toContain('cycle');

    const empty: JobGraph = { name: 'empty', vertices: [], edges: [], configJson: '{}', hash: '' };
    err = await errorOf(fx.submit(empty));
    expect(err.code).toBe('INVALID_GRAPH');
    expect(err.message).toBe('The job graph has no vertices');

    const tooParallel = sourceMapSinkGraph('p', 1);
    tooParallel.vertices[1].parallelism = 500;
    err = await errorOf(fx.submit(tooParallel));
    expect(err.code).toBe('INVALID_GRAPH');

    const noHash = { ...sourceMapSinkGraph('h', 1), hash: '' };
    err = await errorOf(fx.submit(noHash));
    expect(err.code).toBe('INVALID_GRAPH');
  });

  it('rejects an empty artifact', async () => {
    const err = await errorOf(fx.submit(sourceMapSinkGraph('no-code', 1), { ...testArtifact(), code: Buffer.alloc(0) }));
    expect(err.code).toBe('INVALID_JOB_FILE');
    expect(err.message).toContain('The job artifact is empty');
  });

  it('answers JOB_NOT_FOUND for an unknown job id and INVALID_ARGUMENT for a malformed one', async () => {
    let err = await errorOf(fx.status('0'.repeat(32)));
    expect(err.code).toBe('JOB_NOT_FOUND');
    expect(err.message).toBe(`Job ${'0'.repeat(32)} not found. Use 'stream-submit list' to see the jobs this cluster knows.`);
    for (const id of ['not-a-job-id', '', 'g'.repeat(32)]) {
      err = await errorOf(fx.status(id));
      expect(err.code).toBe('INVALID_ARGUMENT');
      expect(err.message).toContain(`'${id}' is not a job id`);
    }
    // One rule with the CLI and REST: hex in either case is the lowercase id.
    err = await errorOf(fx.status('F'.repeat(32)));
    expect(err.code).toBe('JOB_NOT_FOUND');
    expect(err.message).toContain('f'.repeat(32));
  });
});

describe('ResourceManagerGateway', () => {
  it('serves the graph and artifact of a job to TaskManagers', async () => {
    const graph = sourceMapSinkGraph('artifact', 1);
    const artifact = { ...testArtifact(), args: ['--port', '9999'] };
    const jobId = await fx.submit(graph, artifact);
    const info = await fx.rmCall<JobDeploymentInfo>('GetJobArtifact', { jobId });
    expect(info.graph?.hash).toBe(graph.hash);
    expect(info.graph?.vertices.map((v) => v.id)).toEqual(graph.vertices.map((v) => v.id));
    expect(Buffer.from(info.artifact!.code).equals(Buffer.from(artifact.code))).toBe(true);
    expect(info.artifact?.args).toEqual(['--port', '9999']);
    expect((await errorOf(fx.rmCall('GetJobArtifact', { jobId: '1'.repeat(32) }))).code).toBe('JOB_NOT_FOUND');
  });

  it('refuses a registration without slots or with a bad address', async () => {
    let err = await errorOf(fx.rmCall('RegisterTaskManager', { taskManagerId: 'x', rpcAddress: '127.0.0.1:1', slots: [] }));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toContain('offers no slots');
    err = await errorOf(fx.rmCall('RegisterTaskManager', { taskManagerId: 'x', rpcAddress: 'nowhere', slots: [{ index: 0, dataHost: 'h', dataPort: 1 }] }));
    expect(err.message).toContain("rpc_address 'nowhere' is not host:port");
  });

  it('refuses Connect from a TaskManager that did not register', async () => {
    const tm = await ProtocolTaskManager.start({ jobManagerAddress: fx.addresses.rpcAddress, id: 'unregistered', connect: false });
    fx.jm.registry.lose('unregistered', 'test');
    await expect(tm.openConnect()).rejects.toThrow(/not registered: call RegisterTaskManager before Connect/);
    await tm.close();
  });

  it('refuses an unknown task state', async () => {
    const jobId = await fx.submit(sourceMapSinkGraph('states', 1));
    // An Execution.State number this JobManager does not know (a newer TaskManager's): proto3
    // enums are open, so it arrives as the bare number.
    const err = await errorOf(fx.rmCall('UpdateTaskExecutionState', { taskManagerId: 't', jobId, attempt: 0, vertexId: 'v', subtask: 0, state: 42, error: '' }));
    expect(err.code).toBe('INVALID_ARGUMENT');
  });

  it('answers a re-registration by replacing the old incarnation', async () => {
    const tm = await ProtocolTaskManager.start({ jobManagerAddress: fx.addresses.rpcAddress, id: 'again', slots: 1 });
    await tm.register();
    expect(fx.jm.registry.get('again')).toBeDefined();
    expect(fx.jm.slotPool.slotsOf('again')).toEqual({ total: 1, free: 1 });
    await tm.close();
  });
});
