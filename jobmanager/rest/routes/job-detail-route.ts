import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { TaskMetricsStore } from '../../metrics/task-metrics-store';
import type { ExecutionJobVertex } from '../../scheduler/execution-graph';
import { isTerminalExecutionState } from '../../scheduler/execution-state-machine';
import { JOB_STATES } from '../../scheduler/job-state-machine';
import { aggregateExecutionState, countByState } from '../../scheduler/job-status';
import type { Scheduler } from '../../scheduler/scheduler';
import { ERROR_RESPONSES, JobIdParams, StateCounts } from '../common-schemas';
import type { RestBackend } from '../rest-server';
import { RatesSchema, VertexMetricsSchema, WatermarkSchema, ratesView } from '../views/metric-views';
import { JobPlan, jobPlan } from './job-plan-route';

export const JobVertexDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  maxParallelism: Type.Integer(),
  parallelism: Type.Integer(),
  status: Type.String(),
  'start-time': Type.Integer(),
  'end-time': Type.Integer(),
  duration: Type.Integer(),
  tasks: StateCounts,
  metrics: VertexMetricsSchema,
  /** Sluice: throughput and back-pressure between the last two heartbeats. */
  rates: RatesSchema,
  /** Sluice: the lowest watermark over the vertex's subtasks. */
  'current-watermark': WatermarkSchema,
});

export const JobDetail = Type.Object({
  jid: Type.String(),
  name: Type.String(),
  isStoppable: Type.Boolean(),
  state: Type.String(),
  'start-time': Type.Integer(),
  'end-time': Type.Integer(),
  duration: Type.Integer(),
  now: Type.Integer(),
  timestamps: StateCounts,
  vertices: Type.Array(JobVertexDetail),
  'status-counts': StateCounts,
  plan: JobPlan,
});

/** GET /jobs/:jid — the job, its vertices with task counts and metrics, and its plan. */
export function registerJobDetailRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid',
    { schema: { params: JobIdParams, response: { 200: JobDetail, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof JobDetail>> => {
      const job = backend.dispatcher.get(request.params.jid.toLowerCase());
      return jobDetail(job.scheduler, backend.metrics, Date.now());
    },
  );
}

function jobDetail(s: Scheduler, metrics: TaskMetricsStore, now: number): Static<typeof JobDetail> {
  const end = s.endTime;
  const timestamps: Record<string, number> = {};
  for (const state of JOB_STATES) timestamps[state] = s.machine.enteredAt(state) ?? 0;
  timestamps.CREATED = s.submittedAt;
  return {
    jid: s.jobId,
    name: s.graph.name,
    isStoppable: false,
    state: s.state,
    'start-time': s.submittedAt,
    'end-time': end ?? -1,
    duration: (end ?? now) - s.submittedAt,
    now,
    timestamps,
    vertices: s.executionGraph.vertices.map((v) => vertexDetail(s.jobId, v, metrics, now)),
    'status-counts': countByState(s.executionGraph.executions()),
    plan: jobPlan(s),
  };
}

function vertexDetail(jobId: string, v: ExecutionJobVertex, metrics: TaskMetricsStore, now: number): Static<typeof JobVertexDetail> {
  const starts = v.executions.map((e) => e.machine.enteredAt('DEPLOYING')).filter((t): t is number => t !== undefined);
  const start = starts.length > 0 ? Math.min(...starts) : -1;
  const allEnded = v.executions.every((e) => isTerminalExecutionState(e.state));
  const end = allEnded && start !== -1 ? Math.max(...v.executions.map((e) => e.machine.enteredAt(e.state) ?? 0)) : -1;
  return {
    id: v.vertex.id,
    name: v.vertex.name,
    maxParallelism: v.vertex.maxParallelism,
    parallelism: v.vertex.parallelism,
    status: aggregateExecutionState(v.executions),
    'start-time': start,
    'end-time': end,
    duration: start === -1 ? -1 : (end === -1 ? now : end) - start,
    tasks: countByState(v.executions),
    metrics: metrics.vertexMetrics(jobId, v.vertex.id),
    rates: ratesView(metrics.vertexRates(jobId, v.vertex.id)),
    'current-watermark': metrics.vertexWatermark(jobId, v.vertex.id) ?? null,
  };
}
