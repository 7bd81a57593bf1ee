import { Type, type Static } from '@sinclair/typebox';
import { taskManagerSummary, TaskManagerInfo } from './taskmanagers-route';
import type { FastifyInstance } from 'fastify';
import { ERROR_RESPONSES, Nullable } from '../common-schemas';
import { RestNotFoundError } from '../http-errors';
import type { RestBackend } from '../rest-server';

export const TaskManagerIdParams = Type.Object({ tmid: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,128}$' }) });
type TaskManagerIdParams = Static<typeof TaskManagerIdParams>;

const SlotSubtask = Type.Object({
  jobId: Type.String(),
  vertexId: Type.String(),
  vertexName: Type.String(),
  subtask: Type.Integer(),
  parallelism: Type.Integer(),
  status: Type.String(),
  attempt: Type.Integer(),
});

const SlotDetail = Type.Object({
  index: Type.Integer(),
  dataHost: Type.String(),
  dataPort: Type.Integer(),
  status: Type.Union([Type.Literal('FREE'), Type.Literal('ALLOCATED')]),
  jobId: Nullable(Type.String()),
  jobName: Nullable(Type.String()),
  subtasks: Type.Array(SlotSubtask),
});

export const TaskManagerDetail = Type.Composite([TaskManagerInfo, Type.Object({
  pid: Type.Integer(),
  /** When the TaskManager registered (epoch ms); `uptime` counts from then. */
  'registered-at': Type.Integer(),
  uptime: Type.Integer(),
  slots: Type.Array(SlotDetail),
})]);

/**
 * GET /taskmanagers/:tmid — Flink's TaskManager fields plus its slots: which job holds each
 * and the subtasks running in it (slot sharing puts one subtask of each vertex in a slot).
 */
export function registerTaskManagerDetailRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: TaskManagerIdParams }>(
    '/taskmanagers/:tmid',
    { schema: { params: TaskManagerIdParams, response: { 200: TaskManagerDetail, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof TaskManagerDetail>> => {
      const tm = backend.registry.get(request.params.tmid);
      if (!tm) throw new RestNotFoundError(`TaskManager ${request.params.tmid} not found; GET /taskmanagers lists the registered ones`);
      const now = Date.now();
      return {
        ...taskManagerSummary(backend, tm),
        pid: tm.pid,
        'registered-at': tm.registeredAt,
        uptime: Math.max(0, now - tm.registeredAt),
        slots: slotDetails(backend, tm.id, tm.slots),
      };
    },
  );
}

function slotDetails(backend: RestBackend, taskManagerId: string, offered: readonly { index: number; dataHost: string; dataPort: number }[]): Static<typeof SlotDetail>[] {
  const holders = new Map<number, { jobId: string; jobName: string; subtasks: Static<typeof SlotSubtask>[] }>();
  for (const job of backend.dispatcher.list()) {
    for (const slot of backend.slotPool.allocatedTo(job.jobId)) {
      if (slot.taskManagerId !== taskManagerId) continue;
      const subtasks = job.scheduler.executionGraph
        .executions()
        .filter((e) => e.slot?.taskManagerId === taskManagerId && e.slot.index === slot.index)
        .map((e) => ({ jobId: job.jobId, vertexId: e.vertex.id, vertexName: e.vertex.name, subtask: e.subtask, parallelism: e.vertex.parallelism, status: e.state, attempt: e.attempt }));
      holders.set(slot.index, { jobId: job.jobId, jobName: job.graph.name, subtasks });
    }
  }
  return [...offered]
    .sort((a, b) => a.index - b.index)
    .map((s) => {
      const h = holders.get(s.index);
      return { index: s.index, dataHost: s.dataHost, dataPort: s.dataPort, status: h ? 'ALLOCATED' : 'FREE', jobId: h?.jobId ?? null, jobName: h?.jobName ?? null, subtasks: h?.subtasks ?? [] };
    });
}
