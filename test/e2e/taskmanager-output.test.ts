import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { TestCluster, jobIdFrom } from '../harness/cluster';
import { waitFor } from '../harness/wait-for';

const PRINTS = path.join(__dirname, 'jobs', 'print-and-warn.js');
const UNBOUNDED = path.join(__dirname, 'jobs', 'unbounded.js');
const IDLE_SOURCE = path.join(__dirname, 'jobs', 'idle-source.js');
const SLOW_MAP = path.join(__dirname, 'jobs', 'slow-map.js');

interface FlameNode {
  name: string;
  value: number;
  children: FlameNode[];
}

function frames(n: FlameNode): FlameNode[] {
  return [n, ...n.children.flatMap(frames)];
}

/** A TaskManager's log, stdout and CPU profiles, fetched by the JobManager over gRPC (multi-process). */
describe('TaskManager logs, stdout and flame graphs (multi-process)', () => {
  let cluster: TestCluster;
  let tmId: string;

  beforeAll(async () => {
    cluster = await TestCluster.start({ taskManagers: 1, slots: 2 });
    tmId = (await cluster.rest<{ taskmanagers: Array<{ id: string }> }>('/taskmanagers')).taskmanagers[0].id;
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const text = async (url: string) => {
    const res = await fetch(cluster.restUrl + url);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };

  it("serves what the TaskManager's tasks printed and its log lines, as its own output shows them", async () => {
    jobIdFrom((await cluster.cli([PRINTS])).stdout);
    const stdout = await text(`/taskmanagers/${tmId}/stdout`);
    expect(stdout.status).toBe(200);
    expect(stdout.type).toMatch(/^text\/plain/);
    for (let n = 1; n <= 20; n++) expect(stdout.body).toMatch(new RegExp(`^\\d> ${JSON.stringify({ n, square: n * n })}$`, 'm'));
    // the same lines the process wrote to its real stdout
    expect(cluster.printed()).toContain(JSON.stringify({ n: 7, square: 49 }));

    const log = await text(`/taskmanagers/${tmId}/log`);
    expect(log.body).toMatch(/INFO +\[taskmanager [^\]]+\] registered at JobManager/);
    // what a slot worker writes to stderr is in the log too
    expect(log.body).toContain('map saw seven (stderr of the slot worker)');
    expect((await text(`/v1/taskmanagers/${tmId}/logs/taskmanager.out`)).body).toBe(stdout.body);

    const list = await cluster.rest<{ logs: Array<{ name: string; size: number }> }>(`/taskmanagers/${tmId}/logs`);
    expect(list.logs.map((l) => l.name)).toEqual(['taskmanager.log', 'taskmanager.out']);
    expect(list.logs.every((l) => l.size > 0)).toBe(true);
    expect((await text(`/taskmanagers/nobody/log`)).status).toBe(404);
    expect((await text(`/taskmanagers/${tmId}/logs/secrets.txt`)).status).toBe(404);
  });

  it("samples a running subtask's slot thread on demand and answers Flink's flame graph", { timeout: 60_000 }, async () => {
    const jobId = jobIdFrom((await cluster.cli(['--detached', UNBOUNDED])).stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    const vertex = (await cluster.rest<{ vertices: Array<{ id: string }> }>(`/jobs/${jobId}`)).vertices[0];
    await waitFor(async () => ((await cluster.rest<{ subtasks: Array<{ status: string }> }>(`/jobs/${jobId}/vertices/${vertex.id}`)).subtasks.every((s) => s.status === 'RUNNING') ? true : undefined), {
      message: 'subtasks running',
    });
    const started = Date.now();
    const graph = await cluster.rest<{ endTimestamp: number; data: FlameNode; samples: number; slot: number; taskmanager: string }>(`/jobs/${jobId}/vertices/${vertex.id}/flamegraph?subtask=1&durationMs=700&scope=slot`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(graph).toMatchObject({ taskmanager: tmId, slot: expect.any(Number) });
    expect(graph.samples).toBeGreaterThan(0);
    expect(graph.data.name).toBe('root');
    expect(graph.data.value).toBeGreaterThan(0);
    const all = frames(graph.data);
    for (const f of all) expect(f.value).toBeGreaterThanOrEqual(f.children.reduce((s, c) => s + c.value, 0));
    // frames of Sluice's own runtime, named by function, file and line
    expect(all.some((f) => /\(taskmanager\/[\w-]+\.js:\d+\)|\(runtime\/[\w-]+\.js:\d+\)|\(worker\/[\w-]+\.js:\d+\)/.test(f.name))).toBe(true);

    const raw = await cluster.rest<{ nodes: unknown[]; samples: number[] }>(`/jobs/${jobId}/vertices/${vertex.id}/flamegraph?durationMs=200&format=cpuprofile`);
    expect(raw.nodes.length).toBeGreaterThan(0);

    expect((await text(`/jobs/${jobId}/vertices/${vertex.id}/flamegraph?subtask=9`)).status).toBe(400);
    expect((await text(`/jobs/${jobId}/vertices/${vertex.id}/flamegraph?durationMs=999999`)).status).toBe(400);
    await fetch(`${cluster.restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
    await cluster.waitForJobState(jobId, 'CANCELED');
    expect((await text(`/jobs/${jobId}/vertices/${vertex.id}/flamegraph`)).status).toBe(409);
  });

  it("keeps only the subtask's own turns by default, though the slot's thread also runs another vertex's subtask", { timeout: 60_000 }, async () => {
    // datagen (p=1) -> map that spins 800 µs per record (p=2): slot sharing puts source subtask 0 and map subtask 0 in one slot thread.
    const jobId = jobIdFrom((await cluster.cli(['--detached', SLOW_MAP])).stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    try {
      const [source, map] = (await cluster.rest<{ vertices: Array<{ id: string; name: string }> }>(`/jobs/${jobId}`)).vertices;
      expect(map.name).toMatch(/Map/);
      await waitFor(async () => ((await cluster.rest<{ subtasks: Array<{ status: string }> }>(`/jobs/${jobId}/vertices/${map.id}`)).subtasks.every((s) => s.status === 'RUNNING') ? true : undefined), { message: 'map subtasks running' });
      type Graph = { data: FlameNode; samples: number; scope: string; 'slot-samples': number };
      const sourceFrames = (g: Graph) => frames(g.data).filter((f) => /GeneratorSourceReader|pollNext/.test(f.name));
      const turnFrames = (g: Graph) => frames(g.data).filter((f) => f.name.startsWith('sluice_subtask_'));

      const own = await cluster.rest<Graph>(`/jobs/${jobId}/vertices/${map.id}/flamegraph?subtask=0&durationMs=1500`);
      expect(own.scope).toBe('subtask');
      expect(own.samples).toBeGreaterThan(0);
      expect(own.samples).toBeLessThanOrEqual(own['slot-samples']);
      expect(own.data.value).toBe(own.samples);
      expect(sourceFrames(own)).toEqual([]); // the source subtask in the same thread is left out
      expect(turnFrames(own)).toEqual([]); // the turn frame itself is the root
      // The map's work: the user's function, or the map operator's frame when V8 inlined it there.
      expect(frames(own.data).some((f) => /slow-map\.js|operators\/basic-operators\.js/.test(f.name))).toBe(true);

      const slot = await cluster.rest<Graph>(`/jobs/${jobId}/vertices/${map.id}/flamegraph?subtask=0&durationMs=1500&scope=slot`);
      expect(slot.scope).toBe('slot');
      expect(slot.samples).toBe(slot['slot-samples']);
      expect(turnFrames(slot).map((f) => f.name)).toContain(`sluice_subtask_${map.id}_0`);
      // Above the turn frame, Node's immediate queue: in the slot's view, never in the subtask's.
      expect(frames(slot.data).some((f) => f.name.startsWith('processImmediate'))).toBe(true);
      expect(frames(own.data).some((f) => f.name.startsWith('processImmediate'))).toBe(false);
      expect(turnFrames(slot).map((f) => f.name).filter((n) => n !== `sluice_subtask_${map.id}_0`).every((n) => n === `sluice_subtask_${source.id}_0`)).toBe(true);
    } finally {
      // Whatever failed above, the next test needs the slots.
      await fetch(`${cluster.restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
      await cluster.waitForJobState(jobId, 'CANCELED');
    }
  });

  it('reports a subtask whose inputs are all idle as watermark-idle, and active again when records come', { timeout: 60_000 }, async () => {
    const jobId = jobIdFrom((await cluster.cli(['--detached', IDLE_SOURCE])).stdout);
    await cluster.waitForJobState(jobId, 'RUNNING');
    const after = (await cluster.rest<{ vertices: Array<{ id: string }> }>(`/jobs/${jobId}`)).vertices[1];
    const subtasks = () => cluster.rest<{ subtasks: Array<{ 'watermark-idle': boolean; 'current-watermark': number | null }> }>(`/jobs/${jobId}/vertices/${after.id}`).then((v) => v.subtasks);
    await waitFor(async () => ((await subtasks()).some((s) => s['watermark-idle']) ? true : undefined), { timeoutMs: 20_000, message: 'a subtask reported idle' });
    await waitFor(async () => ((await subtasks()).some((s) => !s['watermark-idle'] && s['current-watermark'] !== null) ? true : undefined), {
      timeoutMs: 20_000,
      message: 'a subtask active with a watermark',
    });
    await fetch(`${cluster.restUrl}/jobs/${jobId}?mode=cancel`, { method: 'PATCH' });
    await cluster.waitForJobState(jobId, 'CANCELED');
  });
});
