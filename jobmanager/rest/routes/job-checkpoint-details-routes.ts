import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CheckpointDetails, TaskCheckpointDetails } from '../../checkpoint/checkpoint-details';
import { RestNotFoundError } from '../http-errors';
import { ERROR_RESPONSES, JobIdParams, JobVertexParams } from '../common-schemas';
import type { RestBackend } from '../rest-server';
import { CheckpointEntrySchema } from './job-checkpoints-route';

const Status = CheckpointEntrySchema.properties.status;

const SubtaskDetailsSchema = Type.Object({
  index: Type.Integer(),
  status: Type.Union([Type.Literal('completed'), Type.Literal('pending_or_failed')]),
  ack_timestamp: Type.Number(),
  end_to_end_duration: Type.Number(),
  state_size: Type.Number(),
  checkpoint: Type.Object({ sync: Type.Number(), async: Type.Number() }),
  alignment: Type.Object({ duration: Type.Number() }),
});

const TaskDetailsSchema = Type.Object({
  id: Type.String(),
  /** Sluice: the vertex's name, so a table of tasks needs no second request. */
  name: Type.String(),
  status: Status,
  latest_ack_timestamp: Type.Number(),
  state_size: Type.Number(),
  end_to_end_duration: Type.Number(),
  alignment_duration: Type.Number(),
  num_subtasks: Type.Integer(),
  num_acknowledged_subtasks: Type.Integer(),
  /** Sluice: the subtasks too (Flink has them under .../subtasks/:vid only). */
  subtasks: Type.Array(SubtaskDetailsSchema),
});

export const CheckpointDetailsSchema = Type.Composite([CheckpointEntrySchema, Type.Object({ tasks: Type.Record(Type.String(), TaskDetailsSchema) })]);

const CheckpointIdParams = Type.Object({ jid: JobIdParams.properties.jid, cid: Type.String({ pattern: '^[0-9]{1,15}$' }) });
type CheckpointIdParams = Static<typeof CheckpointIdParams>;
const CheckpointVertexParams = Type.Object({ ...CheckpointIdParams.properties, vid: JobVertexParams.properties.vid });
type CheckpointVertexParams = Static<typeof CheckpointVertexParams>;

/**
 * GET /jobs/:jid/checkpoints/details/:cid (one checkpoint of the history with every vertex's
 * subtasks: when each acknowledged, its state size, sync/async and alignment times) and
 * GET /jobs/:jid/checkpoints/details/:cid/subtasks/:vid (one vertex, Flink's route).
 */
export function registerJobCheckpointDetailsRoutes(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: CheckpointIdParams }>(
    '/jobs/:jid/checkpoints/details/:cid',
    { schema: { params: CheckpointIdParams, response: { 200: CheckpointDetailsSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof CheckpointDetailsSchema>> => {
      const { details, names } = find(backend, request.params);
      const tasks: Record<string, Static<typeof TaskDetailsSchema>> = {};
      for (const [id, t] of Object.entries(details.tasks)) tasks[id] = named(t, names);
      return { ...details, tasks };
    },
  );

  app.get<{ Params: CheckpointVertexParams }>(
    '/jobs/:jid/checkpoints/details/:cid/subtasks/:vid',
    { schema: { params: CheckpointVertexParams, response: { 200: TaskDetailsSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof TaskDetailsSchema>> => {
      const { details, names } = find(backend, request.params);
      const task = details.tasks[request.params.vid];
      if (!task) throw new RestNotFoundError(`Checkpoint ${details.id} has no vertex ${request.params.vid}; GET /jobs/${request.params.jid.toLowerCase()}/checkpoints/details/${details.id} lists its vertices`);
      return named(task, names);
    },
  );
}

function find(backend: RestBackend, params: CheckpointIdParams): { details: CheckpointDetails; names: Map<string, string> } {
  const jobId = params.jid.toLowerCase();
  const job = backend.dispatcher.get(jobId);
  const id = Number(params.cid);
  const details = backend.checkpointing.checkpointDetails(jobId, id);
  if (!details) throw new RestNotFoundError(`Job ${jobId} has no checkpoint ${id} in its statistics (the latest ones are kept); GET /jobs/${jobId}/checkpoints lists them`);
  return { details, names: new Map(job.graph.vertices.map((v) => [v.id, v.name])) };
}

function named(t: TaskCheckpointDetails, names: Map<string, string>): Static<typeof TaskDetailsSchema> {
  return { ...t, name: names.get(t.id) ?? t.id };
}
