import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { FastifyInstance } from 'fastify';
import type { Scheduler } from '../../scheduler/scheduler';
import { StateCounts } from '../common-schemas';
import { archivedOnly } from '../history/archive-fallback';
import type { RestBackend } from '../rest-server';

const JobList = Type.Object({ jobs: Type.Array(Type.Object({ id: Type.String(), status: Type.String() })) });

export const JobOverview = Type.Object({
  jid: Type.String(),
  name: Type.String(),
  state: Type.String(),
  'start-time': Type.Integer(),
  'end-time': Type.Integer(),
  duration: Type.Integer(),
  'last-modification': Type.Integer(),
  tasks: StateCounts,
});
const JobsOverview = Type.Object({ jobs: Type.Array(JobOverview) });

/** GET /jobs (ids and states) and GET /jobs/overview (one line per job with task counts). */
export function registerJobsRoutes(app: FastifyInstance, backend: RestBackend): void {
  app.get('/jobs', { schema: { response: { 200: JobList } } }, async (): Promise<Static<typeof JobList>> => ({
    jobs: [...archivedOnly(backend).map((j) => ({ id: j.jobId, status: j.state })), ...backend.dispatcher.list().map((j) => ({ id: j.jobId, status: j.scheduler.state }))],
  }));

  app.get('/jobs/overview', { schema: { response: { 200: JobsOverview } } }, async (): Promise<Static<typeof JobsOverview>> => {
    const now = Date.now();
    // Jobs that ended before this JobManager started come first (they are older), as archived.
    const archived = archivedOnly(backend).flatMap((j) => (Value.Check(JobOverview, j.overview) ? [j.overview] : []));
    return { jobs: [...archived, ...backend.dispatcher.list().map((j) => jobOverview(j.scheduler, now))] };
  });
}

function jobOverview(s: Scheduler, now: number): Static<typeof JobOverview> {
  const end = s.endTime;
  const tasks: Record<string, number> = { total: 0 };
  for (const e of s.executionGraph.executions()) {
    tasks.total++;
    const key = e.state.toLowerCase();
    tasks[key] = (tasks[key] ?? 0) + 1;
  }
  for (const state of ['created', 'scheduled', 'deploying', 'running', 'finished', 'canceling', 'canceled', 'failed']) tasks[state] ??= 0;
  return {
    jid: s.jobId,
    name: s.graph.name,
    state: s.state,
    'start-time': s.submittedAt,
    'end-time': end ?? -1,
    duration: (end ?? now) - s.submittedAt,
    'last-modification': s.machine.enteredAt(s.state) ?? s.submittedAt,
    tasks,
  };
}
