import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { JobGraph } from '../../../proto/messages';
import type { Scheduler } from '../../scheduler/scheduler';
import { ERROR_RESPONSES, JobIdParams } from '../common-schemas';
import type { RestBackend } from '../rest-server';

const PlanInput = Type.Object({
  num: Type.Integer(),
  id: Type.String(),
  ship_strategy: Type.String(),
  exchange: Type.String(),
  /** Sluice: set when the edge carries one side output of its source. */
  side_output: Type.Optional(Type.String()),
});

const PlanNode = Type.Object({
  id: Type.String(),
  parallelism: Type.Integer(),
  maxParallelism: Type.Integer(),
  operator: Type.String(),
  operator_strategy: Type.String(),
  description: Type.String(),
  /** Sluice: the chained operators, head first. */
  operators: Type.Array(Type.Object({ name: Type.String(), kind: Type.String(), uid: Type.String() })),
  inputs: Type.Optional(Type.Array(PlanInput)),
  optimizer_properties: Type.Object({}),
});

export const JobPlan = Type.Object({ jid: Type.String(), name: Type.String(), type: Type.String(), nodes: Type.Array(PlanNode) });

/** Flink's plan of a running job. */
export function jobPlan(s: Scheduler): Static<typeof JobPlan> {
  return planOf(s.jobId, s.graph);
}

/** Flink's plan: one node per vertex, inputs with the ship strategy (partitioner) of each edge. */
export function planOf(jobId: string, g: JobGraph): Static<typeof JobPlan> {
  return {
    jid: jobId,
    name: g.name,
    type: 'STREAMING',
    nodes: g.vertices.map((v) => {
      const inputs = g.edges
        .filter((e) => e.target === v.id)
        .map((e, num) => ({
          num,
          id: e.source,
          ship_strategy: e.partitioner.toUpperCase(),
          exchange: 'pipelined_bounded',
          ...(e.sideOutputTag ? { side_output: e.sideOutputTag } : {}),
        }));
      return {
        id: v.id,
        parallelism: v.parallelism,
        maxParallelism: v.maxParallelism,
        operator: '',
        operator_strategy: '',
        description: v.operators.map((o) => o.name).join(' -> '),
        operators: v.operators.map((o) => ({ name: o.name, kind: o.kind, uid: o.uid })),
        ...(inputs.length > 0 ? { inputs } : {}),
        optimizer_properties: {},
      };
    }),
  };
}

export const PlanResponse = Type.Object({ plan: JobPlan });

/** GET /jobs/:jid/plan — the job graph as Flink's dataflow plan. */
export function registerJobPlanRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid/plan',
    { schema: { params: JobIdParams, response: { 200: PlanResponse, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof PlanResponse>> => ({ plan: jobPlan(backend.dispatcher.get(request.params.jid.toLowerCase()).scheduler) }),
  );
}
