import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { isSourceKind } from '../../common/operator-kind';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CheckpointCoordinator } from './checkpoint-coordinator';
import { checkpointSettings, type CheckpointSettings } from './checkpoint-config';
import { ExecutionGraph } from '../scheduler/execution-graph';
import { sourceMapSinkGraph } from '../test-support/test-job-graphs';
import type { TaskExecutorGateway } from '../rpc/task-executor-client';
import type { CheckpointNotification, CheckpointTrigger, StateHandle } from '../../proto/messages';
import { Logger } from '../../common/logger';
import { writeTaskState } from '../../common/checkpoint/state-files';
import { waitUntil } from '../../test/harness/wait-for';

/** Records what the coordinator asks of TaskManagers: the TaskExecutorGateway interface boundary. */
class RecordingTaskExecutors implements TaskExecutorGateway {
  triggers: Array<{ rpc: string; trigger: CheckpointTrigger }> = [];
  notifications: Array<{ rpc: string; n: CheckpointNotification }> = [];
  failTriggers = false;
  async deployTask(): Promise<void> {}
  async cancelTask(): Promise<void> {}
  async triggerCheckpoint(rpc: string, trigger: CheckpointTrigger): Promise<void> {
    if (this.failTriggers) throw new Error('TaskManager unreachable');
    this.triggers.push({ rpc, trigger });
  }
  async notifyCheckpoint(rpc: string, n: CheckpointNotification): Promise<void> {
    this.notifications.push({ rpc, n });
  }
}

const JOB = 'c'.repeat(32);

describe('CheckpointCoordinator', () => {
  let root: string;
  let gateway: RecordingTaskExecutors;
  let eg: ExecutionGraph;
  let failovers: string[];
  const graph = sourceMapSinkGraph('job', 2);

  function coordinator(overrides: Partial<CheckpointSettings> = {}): CheckpointCoordinator {
    const settings = { ...checkpointSettings({ intervalMs: 60_000, mode: 'exactly-once' }, `file://${root}`)!, ...overrides };
    return new CheckpointCoordinator({ jobId: JOB, graph, settings, taskExecutors: gateway, executionGraph: () => eg, onFailover: (c) => failovers.push(c), log: new Logger('test') });
  }

  function runningGraph(attempt = 0): ExecutionGraph {
    const g = new ExecutionGraph(graph, attempt);
    g.assignSlots([0, 1].map((i) => ({ taskManagerId: `tm${i}`, index: 0, dataHost: '127.0.0.1', dataPort: 1000 + i, rpcAddress: `127.0.0.1:${2000 + i}` })));
    for (const e of g.executions()) {
      e.machine.transition('DEPLOYING');
      e.machine.transition('RUNNING');
    }
    return g;
  }

  /** Every subtask writes real state to the checkpoint's location and acknowledges. */
  async function ackAll(c: CheckpointCoordinator, checkpointId: number, location: string, skip?: string): Promise<void> {
    for (const e of eg.executions()) {
      if (skip === `${e.vertex.id}/${e.subtask}`) continue;
      const handle: StateHandle = await writeTaskState(location, e.vertex.id, e.subtask, new Uint8Array([e.subtask, checkpointId]));
      c.acknowledge({ jobId: JOB, attempt: eg.attempt, vertexId: e.vertex.id, subtask: e.subtask, checkpointId, handle, alignmentMs: 1, syncMs: 1, asyncMs: 1 });
    }
  }

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-coord-'));
    gateway = new RecordingTaskExecutors();
    eg = runningGraph();
    failovers = [];
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('triggers at the sources only, completes when all subtasks acknowledged, writes metadata, notifies each TaskManager once', async () => {
    const c = coordinator();
    const done = c.trigger({ isSavepoint: false });
    const sources = eg.executions().filter((e) => isSourceKind(e.vertex.operators[0].kind));
    await waitUntil(() => gateway.triggers.length === sources.length, 'triggers');
    const { location, checkpointId } = gateway.triggers[0].trigger;
    expect(checkpointId).toBe(1);
    await ackAll(c, 1, location);
    const completed = await done;
    expect(completed.externalPath).toBe(`${location}/_metadata`);
    expect(fs.existsSync(path.join(root, JOB, 'chk-1', '_metadata'))).toBe(true);
    expect(completed.metadata!.vertices.map((v) => v.handles.length)).toEqual(graph.vertices.map((v) => v.parallelism));
    await waitUntil(() => gateway.notifications.length === 2, 'notifications');
    expect(new Set(gateway.notifications.map((n) => n.rpc)).size).toBe(2);
    const stats = c.checkpointStats();
    expect(stats.counts).toMatchObject({ total: 1, completed: 1, failed: 0, in_progress: 0 });
    expect(stats.latest.completed!.external_path).toBe(completed.externalPath);
  });

  it('a decline that arrives once every subtask acknowledged (COMPLETING) changes nothing: the checkpoint completes', async () => {
    const c = coordinator();
    const done = c.trigger({ isSavepoint: false });
    await waitUntil(() => gateway.triggers.length > 0, 'triggers');
    await ackAll(c, 1, gateway.triggers[0].trigger.location);
    // The metadata is being written now; a task's late second thoughts cannot undo its ack.
    c.decline({ jobId: JOB, attempt: 0, vertexId: graph.vertices[0].id, subtask: 0, checkpointId: 1, reason: 'too late' });
    expect((await done).checkpointId).toBe(1);
    expect(c.checkpointStats().counts).toMatchObject({ completed: 1, failed: 0 });
  });

  it('a decline fails the checkpoint; failures beyond the tolerable number fail the job over; success resets the count', async () => {
    const c = coordinator({ tolerableFailures: 1 });
    const decline = async () => {
      const p = c.trigger({ isSavepoint: false });
      const id = c.checkpointStats().counts.total;
      c.decline({ jobId: JOB, attempt: 0, vertexId: graph.vertices[0].id, subtask: 0, checkpointId: id, reason: 'disk full' });
      await expect(p).rejects.toThrow(/disk full/);
    };
    await decline();
    expect(failovers).toEqual([]);
    const ok = c.trigger({ isSavepoint: false });
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === 2), 'trigger 2');
    await ackAll(c, 2, gateway.triggers.find((t) => t.trigger.checkpointId === 2)!.trigger.location);
    await ok;
    await decline();
    expect(failovers).toEqual([]);
    await decline();
    expect(failovers).toHaveLength(1);
    expect(failovers[0]).toMatch(/tolerable number of consecutive checkpoint failures \(1\)/);
    expect(c.checkpointStats().counts.failed).toBe(3);
  });

  it('expires a checkpoint that is not acknowledged in time', async () => {
    const c = coordinator({ timeoutMs: 50, tolerableFailures: 5 });
    await expect(c.trigger({ isSavepoint: false })).rejects.toThrow(/expired after 50 ms/);
    expect(c.checkpointStats().latest.failed!.failure_message).toMatch(/expired/);
  });

  it('an unreachable TaskManager fails the checkpoint', async () => {
    gateway.failTriggers = true;
    await expect(coordinator({ tolerableFailures: 5 }).trigger({ isSavepoint: false })).rejects.toThrow(/could not trigger/);
  });

  it('refuses to trigger while tasks are not all running, and respects max concurrent checkpoints', async () => {
    const c = coordinator();
    eg = new ExecutionGraph(graph, 0);
    await expect(c.trigger({ isSavepoint: false })).rejects.toThrow(/not running all its tasks/);
    eg = runningGraph();
    void c.trigger({ isSavepoint: false }).catch(() => {});
    await expect(c.trigger({ isSavepoint: false })).rejects.toThrow(/already in progress/);
    c.stop('test over');
  });

  it('ignores acknowledgements of other attempts and duplicates', async () => {
    const c = coordinator();
    const p = c.trigger({ isSavepoint: false });
    await waitUntil(() => gateway.triggers.length > 0, 'trigger');
    const loc = gateway.triggers[0].trigger.location;
    const e = eg.executions()[0];
    const handle = await writeTaskState(loc, e.vertex.id, e.subtask, new Uint8Array([1]));
    c.acknowledge({ jobId: JOB, attempt: 7, vertexId: e.vertex.id, subtask: e.subtask, checkpointId: 1, handle, alignmentMs: 0, syncMs: 0, asyncMs: 0 });
    expect(c.checkpointStats().history[0].num_acknowledged_subtasks).toBe(0);
    await ackAll(c, 1, loc);
    await p;
  });

  it('keeps the retained number and discards older checkpoints from storage', async () => {
    const c = coordinator({ retained: 2 });
    for (let id = 1; id <= 3; id++) {
      const p = c.trigger({ isSavepoint: false });
      await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === id), `trigger ${id}`);
      await ackAll(c, id, gateway.triggers.find((t) => t.trigger.checkpointId === id)!.trigger.location);
      await p;
    }
    await c.store.whenRetired();
    expect(c.store.all().map((x) => x.checkpointId)).toEqual([2, 3]);
    await waitUntil(() => !fs.existsSync(path.join(root, JOB, 'chk-1')), 'chk-1 discarded');
  });

  it('restores from the newest intact checkpoint, falling back past a corrupt one', async () => {
    const c = coordinator({ retained: 3 });
    for (let id = 1; id <= 2; id++) {
      const p = c.trigger({ isSavepoint: false });
      await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === id), `trigger ${id}`);
      await ackAll(c, id, gateway.triggers.find((t) => t.trigger.checkpointId === id)!.trigger.location);
      await p;
    }
    const dir = path.join(root, JOB, 'chk-2');
    const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.state'))!);
    fs.writeFileSync(file, Buffer.from([9, 9]));
    const plan = await c.restorePlan();
    expect([...plan!.values()][0][0].checkpointId).toBe(1);
    expect(c.checkpointStats().latest.restored!.id).toBe(1);
    fs.rmSync(path.join(root, JOB, 'chk-1', '_metadata'));
    // Checkpoints completed and none is usable: never "start empty", a non-retryable failure instead.
    await expect(c.restorePlan()).rejects.toMatchObject({ code: 'CHECKPOINT_FAILURE', retryable: false, message: expect.stringMatching(/No retained checkpoint can be restored/) });
  });

  it('keeps the older checkpoints while the newest does not read back', async () => {
    const c = coordinator({ retained: 1 });
    for (let id = 1; id <= 2; id++) {
      const p = c.trigger({ isSavepoint: false });
      await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === id), `trigger ${id}`);
      const location = gateway.triggers.find((t) => t.trigger.checkpointId === id)!.trigger.location;
      await ackAll(c, id, location);
      // the newest checkpoint's state vanishes between completion and retirement
      if (id === 2) fs.rmSync(path.join(root, JOB, 'chk-2', fs.readdirSync(path.join(root, JOB, 'chk-2')).find((f) => f.endsWith('.state'))!));
      await p;
    }
    await c.store.whenRetired();
    expect(c.store.all().map((x) => x.checkpointId)).toEqual([1, 2]);
    expect(fs.existsSync(path.join(root, JOB, 'chk-1', '_metadata'))).toBe(true);
    const plan = await c.restorePlan();
    expect([...plan!.values()][0][0].checkpointId).toBe(1);
  });

  it('end of data: pending checkpoints reach the task directly; when all tasks ended, a final checkpoint is flagged', async () => {
    const c = coordinator();
    const pending = c.trigger({ isSavepoint: false });
    await waitUntil(() => gateway.triggers.length > 0, 'first triggers');
    const sink = eg.executions().find((e) => !isSourceKind(e.vertex.operators[0].kind))!;
    sink.endOfData = true;
    c.onEndOfData(sink);
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.task?.vertexId === sink.vertex.id && t.trigger.task?.subtask === sink.subtask), 'direct trigger');
    await ackAll(c, 1, gateway.triggers[0].trigger.location);
    await pending;
    for (const e of eg.executions()) {
      if (e.endOfData) continue;
      e.endOfData = true;
      c.onEndOfData(e);
    }
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.finalCheckpoint === true), 'final trigger');
    const finals = gateway.triggers.filter((t) => t.trigger.finalCheckpoint);
    expect(finals).toHaveLength(eg.executions().length); // every task, sources included, directly
    c.stop('test over');
  });

  /** Completes checkpoint `id` of `trigger` (a checkpoint or savepoint) with every subtask's state. */
  async function completeNext(c: CheckpointCoordinator, done: Promise<unknown>, id: number): Promise<void> {
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === id), `triggers of ${id}`);
    await ackAll(c, id, gateway.triggers.find((t) => t.trigger.checkpointId === id)!.trigger.location);
    await done;
  }

  it('a savepoint the job goes on after commits nothing and is never a failover restore point (Flink >= 1.15)', async () => {
    const notified: number[] = [];
    const settings = { ...checkpointSettings({ intervalMs: 60_000, mode: 'exactly-once' }, `file://${root}`)! };
    const sources = { checkpoint: async () => ({}), afterTriggers: () => undefined, notifyCheckpointComplete: (id: number) => void notified.push(id) };
    const c = new CheckpointCoordinator({ jobId: JOB, graph, settings, taskExecutors: gateway, executionGraph: () => eg, onFailover: (x) => failovers.push(x), log: new Logger('test'), sources });
    await completeNext(c, c.trigger({ isSavepoint: false }), 1);
    await waitUntil(() => gateway.notifications.length === 2, 'notifications of checkpoint 1');
    const savepointDir = path.join(root, 'savepoint-x');
    await completeNext(c, c.trigger({ isSavepoint: true, force: true, location: `file://${savepointDir}` }), 2);
    expect(fs.existsSync(path.join(savepointDir, '_metadata'))).toBe(true);
    // Checkpoint 3 is notified after the savepoint: had the savepoint been, it would be in between.
    await completeNext(c, c.trigger({ isSavepoint: false }), 3);
    await waitUntil(() => gateway.notifications.length === 4, 'notifications of checkpoint 3');
    expect(gateway.notifications.map((n) => n.n.checkpointId)).toEqual([1, 1, 3, 3]);
    expect(notified).toEqual([1, 3]);
    expect(c.store.all().map((x) => x.checkpointId)).toEqual([1, 3]);
    expect(c.checkpointStats().latest.savepoint?.id).toBe(2);
  });

  it("a stop-with-savepoint's savepoint is committed and becomes the restore point; retention never deletes it", async () => {
    const recorded: Array<{ id: number; isSavepoint: boolean }> = [];
    const settings = { ...checkpointSettings({ intervalMs: 60_000, mode: 'exactly-once' }, `file://${root}`)! };
    const c = new CheckpointCoordinator({
      jobId: JOB, graph, settings, taskExecutors: gateway, executionGraph: () => eg, onFailover: (x) => failovers.push(x), log: new Logger('test'),
      onCompleted: async (cp) => void recorded.push({ id: cp.checkpointId, isSavepoint: cp.isSavepoint }),
    });
    await completeNext(c, c.trigger({ isSavepoint: false }), 1);
    const savepointDir = path.join(root, 'savepoint-stop');
    await completeNext(c, c.trigger({ isSavepoint: true, force: true, stop: true, location: `file://${savepointDir}` }), 2);
    await waitUntil(() => gateway.notifications.filter((n) => n.n.checkpointId === 2).length === 2, 'notifications of the savepoint');
    expect(recorded).toEqual([{ id: 1, isSavepoint: false }, { id: 2, isSavepoint: true }]); // the HA store points to it
    // A task fails before the job finished: the restart restores the savepoint, not checkpoint 1.
    const restore = await c.restoreSource();
    expect(restore!.checkpointId).toBe(2);
    expect([...restore!.plan.values()][0][0]).toMatchObject({ externalPath: `file://${savepointDir}/_metadata`, isSavepoint: true });
    expect(c.checkpointStats().latest.restored).toMatchObject({ id: 2, is_savepoint: true });
    // The job goes on after the failed stop: the next checkpoint subsumes the savepoint (retained: 1).
    await completeNext(c, c.trigger({ isSavepoint: false }), 3);
    await c.store.whenRetired();
    expect(c.store.all().map((x) => x.checkpointId)).toEqual([3]);
    expect(fs.existsSync(path.join(root, JOB, 'chk-1'))).toBe(false);
    expect(fs.existsSync(path.join(savepointDir, '_metadata'))).toBe(true);
  });

  it('no periodic checkpoint follows a stop-with-savepoint, pending or completed; a failed one lets them go on', async () => {
    const c = coordinator({ tolerableFailures: 0 });
    const periodic = () => (c as unknown as { periodicTrigger(): void }).periodicTrigger();
    const stop = c.trigger({ isSavepoint: true, force: true, stop: true, location: `file://${path.join(root, 'sp-1')}` });
    periodic();
    await completeNext(c, stop, 1);
    // Completed: the tasks are finishing. A checkpoint now would be declined by finished
    // tasks, and with no tolerable failures that restarted the job (CI's duplicates).
    periodic();
    await new Promise((r) => setImmediate(r));
    expect(gateway.triggers.every((t) => t.trigger.checkpointId === 1)).toBe(true);
    // A checkpoint already pending when the job stops, declined by a task that stopped: abandoned, not a job failure.
    const failing = c.trigger({ isSavepoint: false });
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.checkpointId === 2), 'triggers of 2');
    c.decline({ jobId: JOB, attempt: 0, vertexId: graph.vertices[0].id, subtask: 0, checkpointId: 2, reason: 'the task has finished' });
    await expect(failing).rejects.toThrow(/the job is stopping with a savepoint/);
    expect(failovers).toEqual([]);

    // In a stop that fails, the job goes on, and so do its checkpoints.
    const next = coordinator({ tolerableFailures: 5 });
    const failedStop = next.trigger({ isSavepoint: true, force: true, stop: true, location: `file://${path.join(root, 'sp-2')}` });
    await waitUntil(() => gateway.triggers.some((t) => t.trigger.stop), 'the stop triggers');
    next.decline({ jobId: JOB, attempt: 0, vertexId: graph.vertices[0].id, subtask: 0, checkpointId: 1, reason: 'disk full' });
    await expect(failedStop).rejects.toThrow(/disk full/);
    const before = gateway.triggers.length;
    (next as unknown as { periodicTrigger(): void }).periodicTrigger();
    await waitUntil(() => gateway.triggers.length > before, 'a periodic checkpoint after the failed stop');
    next.stop('test over');
  });

  it('stop abandons in-flight checkpoints without counting them', async () => {
    const c = coordinator({ tolerableFailures: 0 });
    const p = c.trigger({ isSavepoint: false });
    c.stop('restart');
    await expect(p).rejects.toThrow(/abandoned/);
    expect(failovers).toEqual([]);
  });
});

describe('checkpoint settings', () => {
  it('job settings win over the cluster defaults, which win over Flink\'s', () => {
    const cluster = { timeoutMs: 5_000, minPauseMs: 10, maxConcurrent: 2, tolerableFailures: 3, retained: 4 };
    const s = checkpointSettings({ intervalMs: 100, mode: 'at-least-once', retained: 7 }, 'file:///tmp/cp', cluster);
    expect(s).toMatchObject({ intervalMs: 100, mode: 'at-least-once', timeoutMs: 5_000, minPauseMs: 10, maxConcurrent: 2, tolerableFailures: 3, retained: 7, storage: 'file:///tmp/cp' });
    expect(checkpointSettings(undefined, '/tmp/cp')).toMatchObject({ intervalMs: 0, timeoutMs: 600_000, retained: 1, tolerableFailures: 0, storage: 'file:///tmp/cp' });
    expect(() => checkpointSettings({ intervalMs: 100, mode: 'exactly-once', retained: 0 }, '/tmp')).toThrow(/retained checkpoints must be an integer >= 1/);
  });
});
