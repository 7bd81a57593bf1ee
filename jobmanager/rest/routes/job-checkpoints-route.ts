import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { CheckpointStats } from '../../checkpoint/checkpoint-stats';
import { ERROR_RESPONSES, JobIdParams, Nullable } from '../common-schemas';
import type { RestBackend } from '../rest-server';

export const CheckpointEntrySchema = Type.Object({
  id: Type.Integer(),
  status: Type.Union([Type.Literal('IN_PROGRESS'), Type.Literal('COMPLETED'), Type.Literal('FAILED')]),
  is_savepoint: Type.Boolean(),
  trigger_timestamp: Type.Number(),
  latest_ack_timestamp: Type.Number(),
  state_size: Type.Number(),
  end_to_end_duration: Type.Number(),
  alignment_duration: Type.Number(),
  num_subtasks: Type.Integer(),
  num_acknowledged_subtasks: Type.Integer(),
  external_path: Type.Optional(Type.String()),
  failure_message: Type.Optional(Type.String()),
});

export const CheckpointStatsSchema = Type.Object({
  counts: Type.Object({ restored: Type.Integer(), total: Type.Integer(), in_progress: Type.Integer(), completed: Type.Integer(), failed: Type.Integer() }),
  latest: Type.Object({
    completed: Nullable(CheckpointEntrySchema),
    savepoint: Nullable(CheckpointEntrySchema),
    failed: Nullable(CheckpointEntrySchema),
    restored: Nullable(Type.Object({ id: Type.Integer(), restore_timestamp: Type.Number(), is_savepoint: Type.Boolean(), external_path: Type.String() })),
  }),
  history: Type.Array(CheckpointEntrySchema),
});

/** GET /jobs/:jid/checkpoints — Flink's checkpoint statistics, from the job's checkpoint coordinator. */
export function registerJobCheckpointsRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid/checkpoints',
    { schema: { params: JobIdParams, response: { 200: CheckpointStatsSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof CheckpointStatsSchema> & CheckpointStats> => {
      const jobId = request.params.jid.toLowerCase();
      backend.dispatcher.get(jobId);
      return backend.checkpointing.checkpointStats(jobId);
    },
  );
}
