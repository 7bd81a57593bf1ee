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

const VertexMetricsSchema = Type.Object({
  'read-records': Type.Number(),
  'write-records': Type.Number(),
  'read-bytes': Type.Number(),
  'write-bytes': Type.Number(),
  'accumulated-busy-time': Type.Number(),
  'accumulated-backpressured-time': Type.Number(),
});

const JobVertexDetail = Type.Object({
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
});

const PlanNode = Type.Object({
  id: Type.String(),
  parallelism: Type.Integer(),
  operator: Type.String(),
  operator_strategy: Type.String(),
  description: Type.String(),
  inputs: Type.Optional(Type.Array(Type.Object({ num: Type.Integer(), id: Type.String(), ship_strategy: Type.String(), exchange: Type.String() }))),
  optimizer_properties: Type.Object({}),
});

const JobDetail = Type.Object({
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
  plan: Type.Object({ jid: Type.String(), name: Type.String(), type: Type.String(), nodes: Type.Array(PlanNode) }),
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
    plan: plan(s),
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
  };
}

/** Flink's plan: one node per vertex, inputs with the ship strategy (partitioner) of each edge. */
function plan(s: Scheduler): Static<typeof JobDetail>['plan'] {
  const g = s.graph;
  return {
    jid: s.jobId,
    name: g.name,
    type: 'STREAMING',
    nodes: g.vertices.map((v) => {
      const inputs = g.edges
        .filter((e) => e.target === v.id)
        .map((e, num) => ({ num, id: e.source, ship_strategy: e.partitioner.toUpperCase(), exchange: 'pipelined_bounded' }));
      return {
        id: v.id,
        parallelism: v.parallelism,
        operator: '',
        operator_strategy: '',
        description: v.operators.map((o) => o.name).join(' -> '),
        ...(inputs.length > 0 ? { inputs } : {}),
        optimizer_properties: {},
      };
    }),
  };
}
