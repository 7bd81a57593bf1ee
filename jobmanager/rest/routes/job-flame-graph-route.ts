import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../../common/errors';
import { ERROR_RESPONSES, JobVertexParams } from '../common-schemas';
import type { RestBackend } from '../rest-server';
import { FlameGraphSchema, flameGraphOf } from '../views/flame-graph';
import { findVertex } from './job-vertex-routes';
import { taskFrameName } from '../../../common/task-frame';

/** As the TaskManager caps it (taskmanager/worker/thread-cpu-profiler.ts). */
const MAX_DURATION_MS = 60_000;

const FlameGraphQuery = Type.Object(
  {
    subtask: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
    durationMs: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,4}$' })),
    samplingIntervalUs: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{1,5}$' })),
    /** `cpuprofile`: V8's profile as is, to open in Chrome DevTools or speedscope. */
    format: Type.Optional(Type.Union([Type.Literal('flamegraph'), Type.Literal('cpuprofile')])),
    /** `subtask` (default): only the subtask's own turns; `slot`: everything the slot's thread did. */
    scope: Type.Optional(Type.Union([Type.Literal('subtask'), Type.Literal('slot')])),
  },
  { additionalProperties: false },
);

/**
 * GET /jobs/:jid/vertices/:vid/flamegraph?subtask=0&durationMs=2000 — samples the CPU of the
 * slot worker thread running the subtask for durationMs (V8's profiler through
 * node:inspector, on demand only) and answers Flink's flame graph tree. The thread runs every
 * subtask sharing the slot: by default only the samples under the subtask's own turn frame
 * (common/task-frame.ts) are kept; `scope=slot` keeps the whole thread.
 */
export function registerJobFlameGraphRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobVertexParams; Querystring: Static<typeof FlameGraphQuery> }>(
    '/jobs/:jid/vertices/:vid/flamegraph',
    { schema: { params: JobVertexParams, querystring: FlameGraphQuery, response: { 200: FlameGraphSchema, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const { scheduler, vertex } = findVertex(backend, request.params);
      const subtask = Number(request.query.subtask ?? 0);
      const durationMs = Number(request.query.durationMs ?? 2_000);
      if (durationMs > MAX_DURATION_MS) throw new SluiceError('INVALID_ARGUMENT', `durationMs must be at most ${MAX_DURATION_MS} (a flame graph samples for that long)`, { domain: 'user' });
      const execution = vertex.executions[subtask];
      if (!execution) throw new SluiceError('INVALID_ARGUMENT', `Vertex ${vertex.vertex.name} has subtasks 0 to ${vertex.executions.length - 1}, not ${subtask}`, { domain: 'user' });
      if (execution.state !== 'RUNNING' || !execution.slot)
        throw new SluiceError('ILLEGAL_STATE', `Subtask ${subtask} of ${vertex.vertex.name} is ${execution.state}: only a running subtask can be profiled`, { domain: 'user' });
      const samplingIntervalUs = Number(request.query.samplingIntervalUs ?? 1_000);
      const task = { jobId: scheduler.jobId, attempt: execution.attempt, vertexId: vertex.vertex.id, subtask };
      const r = await backend.taskExecutors.profileTask(execution.slot.rpcAddress, { task, durationMs, samplingIntervalUs }, durationMs + 15_000);
      if (request.query.format === 'cpuprofile')
        return reply.type('application/json').header('content-disposition', `attachment; filename="${vertex.vertex.id}-${subtask}.cpuprofile"`).send(r.profileJson);
      const profile = JSON.parse(r.profileJson) as Parameters<typeof flameGraphOf>[0];
      const scope = request.query.scope ?? 'subtask';
      const slot = flameGraphOf(profile);
      const { root, samples } = scope === 'slot' ? slot : flameGraphOf(profile, taskFrameName(vertex.vertex.id, subtask));
      const graph: Static<typeof FlameGraphSchema> = {
        endTimestamp: r.endTime,
        data: root,
        taskmanager: execution.taskManagerId ?? '',
        scope,
        'slot-samples': slot.samples,
        slot: r.slot,
        'start-time': r.startTime,
        'sampling-interval-us': samplingIntervalUs,
        samples,
      };
      return graph;
    },
  );
}
