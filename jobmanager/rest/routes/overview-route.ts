import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type JobState, isTerminalJobState } from '../../scheduler/job-state-machine';
import { sluiceVersion } from '../../../common/version';
import { archivedOnly } from '../history/archive-fallback';
import type { RestBackend } from '../rest-server';

export const ClusterOverview = Type.Object({
  taskmanagers: Type.Integer(),
  'slots-total': Type.Integer(),
  'slots-available': Type.Integer(),
  'jobs-running': Type.Integer(),
  'jobs-finished': Type.Integer(),
  'jobs-cancelled': Type.Integer(),
  'jobs-failed': Type.Integer(),
  'sluice-version': Type.String(),
});

/** GET /overview — the cluster at a glance. A job that has not ended counts as running, as in Flink. */
export function registerOverviewRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get('/overview', { schema: { response: { 200: ClusterOverview } } }, async (): Promise<Static<typeof ClusterOverview>> => {
    const states: string[] = [...backend.dispatcher.list().map((j) => j.scheduler.state), ...archivedOnly(backend).map((j) => j.state)];
    return {
      taskmanagers: backend.registry.size,
      'slots-total': backend.slotPool.totalSlots,
      'slots-available': backend.slotPool.freeSlots,
      'jobs-running': states.filter((s) => !isTerminalJobState(s as JobState)).length,
      'jobs-finished': states.filter((s) => s === 'FINISHED').length,
      'jobs-cancelled': states.filter((s) => s === 'CANCELED').length,
      'jobs-failed': states.filter((s) => s === 'FAILED').length,
      'sluice-version': sluiceVersion(),
    };
  });
}
