import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../../common/errors';
import { MAX_WATERMARK, NO_WATERMARK } from '../../../common/event-time';
import { type TaskMetricsStore, ZERO_RATES } from '../../metrics/task-metrics-store';
import type { Execution, ExecutionJobVertex } from '../../scheduler/execution-graph';
import type { Scheduler } from '../../scheduler/scheduler';
import { ERROR_RESPONSES, JobVertexParams, Nullable } from '../common-schemas';
import type { RestBackend } from '../rest-server';
import { RatesSchema, VertexMetricsSchema, WatermarkSchema, backpressureLevel, ratesView, round } from '../views/metric-views';

export const SubtaskDetail = Type.Object({
  subtask: Type.Integer(),
  status: Type.String(),
  attempt: Type.Integer(),
  /** host:port of the TaskManager running the subtask (Flink's `endpoint`); null before it has a slot. */
  endpoint: Nullable(Type.String()),
  'taskmanager-id': Nullable(Type.String()),
  /** Index of the slot within its TaskManager. */
  slot: Nullable(Type.Integer()),
  'start-time': Type.Integer(),
  'end-time': Type.Integer(),
  duration: Type.Integer(),
  metrics: VertexMetricsSchema,
  rates: RatesSchema,
  'current-watermark': WatermarkSchema,
  /** Sluice: every input of the subtask is idle (its sources declared idleness), so its watermark holds. */
  'watermark-idle': Type.Boolean(),
  /** When the JobManager last received this subtask's metrics (epoch ms); null if never. */
  'metrics-timestamp': Nullable(Type.Integer()),
});

export const VertexDetail = Type.Object({
  id: Type.String(),
  name: Type.String(),
  parallelism: Type.Integer(),
  maxParallelism: Type.Integer(),
  now: Type.Integer(),
  subtasks: Type.Array(SubtaskDetail),
});

/** Flink's metric list: one `<subtask>.currentInputWatermark` per subtask, values as strings. */
export const WatermarksSchema = Type.Array(Type.Object({ id: Type.String(), value: Type.String() }));

/** What Flink reports before the first watermark (Long.MIN_VALUE) and at the end of event time (Long.MAX_VALUE). */
export const FLINK_NO_WATERMARK = '-9223372036854775808';
export const FLINK_MAX_WATERMARK = '9223372036854775807';

const Level = Type.Union([Type.Literal('ok'), Type.Literal('low'), Type.Literal('high')]);
const Backpressure = Type.Object({
  status: Type.Literal('ok'),
  'backpressure-level': Level,
  'end-timestamp': Type.Integer(),
  subtasks: Type.Array(
    Type.Object({
      subtask: Type.Integer(),
      attemptNumber: Type.Integer(),
      'backpressure-level': Level,
      ratio: Type.Number(),
      idleRatio: Type.Number(),
      busyRatio: Type.Number(),
    }),
  ),
});

/**
 * GET /jobs/:jid/vertices/:vid (each subtask: where it runs, its totals, rates and watermark),
 * GET /jobs/:jid/vertices/:vid/watermarks (Flink's per-subtask list) and GET /jobs/:jid/vertices/:vid/backpressure (Flink's shape, from the time the subtasks
 * report being blocked on output credit between heartbeats: no sampling of stacks).
 */
export function registerJobVertexRoutes(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobVertexParams }>(
    '/jobs/:jid/vertices/:vid',
    { schema: { params: JobVertexParams, response: { 200: VertexDetail, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof VertexDetail>> => {
      const { scheduler, vertex } = findVertex(backend, request.params);
      const now = Date.now();
      return {
        id: vertex.vertex.id,
        name: vertex.vertex.name,
        parallelism: vertex.vertex.parallelism,
        maxParallelism: vertex.vertex.maxParallelism,
        now,
        subtasks: vertex.executions.map((e) => subtaskDetail(scheduler.jobId, e, backend.metrics, now)),
      };
    },
  );

  app.get<{ Params: JobVertexParams }>(
    '/jobs/:jid/vertices/:vid/watermarks',
    { schema: { params: JobVertexParams, response: { 200: WatermarksSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof WatermarksSchema>> => {
      const { scheduler, vertex } = findVertex(backend, request.params);
      return vertex.executions.map((e) => {
        const w = backend.metrics.task(scheduler.jobId, vertex.vertex.id, e.subtask)?.metrics.currentWatermark;
        const value = w === undefined || w === NO_WATERMARK || !Number.isFinite(w) ? FLINK_NO_WATERMARK : w >= MAX_WATERMARK ? FLINK_MAX_WATERMARK : String(w);
        return { id: `${e.subtask}.currentInputWatermark`, value };
      });
    },
  );

  app.get<{ Params: JobVertexParams }>(
    '/jobs/:jid/vertices/:vid/backpressure',
    { schema: { params: JobVertexParams, response: { 200: Backpressure, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof Backpressure>> => {
      const { scheduler, vertex } = findVertex(backend, request.params);
      const subtasks = vertex.executions.map((e) => {
        const rates = backend.metrics.task(scheduler.jobId, vertex.vertex.id, e.subtask)?.rates ?? ZERO_RATES;
        const ratio = round(rates.backpressureRatio, 3);
        const busyRatio = round(rates.busyRatio, 3);
        return { subtask: e.subtask, attemptNumber: e.attempt, 'backpressure-level': backpressureLevel(ratio), ratio, idleRatio: round(Math.max(0, 1 - ratio - busyRatio), 3), busyRatio };
      });
      const worst = Math.max(0, ...subtasks.map((s) => s.ratio));
      return { status: 'ok', 'backpressure-level': backpressureLevel(worst), 'end-timestamp': Date.now(), subtasks };
    },
  );
}

export function findVertex(backend: RestBackend, params: JobVertexParams): { scheduler: Scheduler; vertex: ExecutionJobVertex } {
  const scheduler = backend.dispatcher.get(params.jid.toLowerCase()).scheduler;
  const vertex = scheduler.executionGraph.vertex(params.vid);
  if (!vertex) throw new SluiceError('VERTEX_NOT_FOUND', `Job ${scheduler.jobId} has no vertex ${params.vid}; GET /jobs/${scheduler.jobId} lists its vertices`, { domain: 'user' });
  return { scheduler, vertex };
}

function subtaskDetail(jobId: string, e: Execution, metrics: TaskMetricsStore, now: number): Static<typeof SubtaskDetail> {
  const sample = metrics.task(jobId, e.vertex.id, e.subtask);
  const m = sample?.metrics;
  const start = e.machine.enteredAt('DEPLOYING') ?? -1;
  const end = e.isTerminal && start !== -1 ? (e.machine.enteredAt(e.state) ?? -1) : -1;
  const watermark = m && m.currentWatermark !== NO_WATERMARK && Number.isFinite(m.currentWatermark) ? m.currentWatermark : null;
  return {
    subtask: e.subtask,
    status: e.state,
    attempt: e.attempt,
    endpoint: e.slot?.rpcAddress ?? null,
    'taskmanager-id': e.taskManagerId ?? null,
    slot: e.slot?.index ?? null,
    'start-time': start,
    'end-time': end,
    duration: start === -1 ? -1 : (end === -1 ? now : end) - start,
    metrics: {
      'read-records': m?.recordsIn ?? 0,
      'write-records': m?.recordsOut ?? 0,
      'read-bytes': m?.bytesIn ?? 0,
      'write-bytes': m?.bytesOut ?? 0,
      'accumulated-busy-time': m?.busyMs ?? 0,
      'accumulated-backpressured-time': m?.backpressuredMs ?? 0,
    },
    rates: ratesView(sample?.rates ?? ZERO_RATES),
    'current-watermark': watermark,
    'watermark-idle': m?.watermarkIdle ?? false,
    'metrics-timestamp': sample?.receivedAt ?? null,
  };
}
