import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { RestBackend } from '../rest-server';

/** A TaskManager in Flink's shape; the detail route extends it. */
export const TaskManagerInfo = Type.Object({
  id: Type.String(),
  path: Type.String(),
  dataPort: Type.Integer(),
  slotsNumber: Type.Integer(),
  freeSlots: Type.Integer(),
  timeSinceLastHeartbeat: Type.Integer(),
  hardware: Type.Object({ cpuCores: Type.Integer(), physicalMemory: Type.Number() }),
});
const TaskManagerList = Type.Object({ taskmanagers: Type.Array(TaskManagerInfo) });

/**
 * GET /taskmanagers. As in Flink, `path` is the TaskManager's RPC address and
 * `timeSinceLastHeartbeat` is the time of its last heartbeat in epoch milliseconds (Flink's
 * name, Flink's meaning). Each slot has its own data port; `dataPort` is the first slot's.
 */
export function registerTaskManagersRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get('/taskmanagers', { schema: { response: { 200: TaskManagerList } } }, async (): Promise<Static<typeof TaskManagerList>> => ({
    taskmanagers: backend.registry.list().map((tm) => taskManagerSummary(backend, tm)),
  }));
}

/** A TaskManager's fields in Flink's shape, shared by the list and the detail route. */
export function taskManagerSummary(backend: RestBackend, tm: ReturnType<RestBackend['registry']['list']>[number]) {
  const slots = backend.slotPool.slotsOf(tm.id);
  return {
    id: tm.id,
    path: tm.rpcAddress,
    dataPort: tm.slots[0]?.dataPort ?? 0,
    slotsNumber: slots.total,
    freeSlots: slots.free,
    timeSinceLastHeartbeat: tm.lastHeartbeatAt,
    hardware: { cpuCores: tm.cpuCores, physicalMemory: tm.memoryBytes },
  };
}
