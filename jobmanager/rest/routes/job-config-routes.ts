import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ParameterTool } from '../../../api/parameter-tool';
import type { JobRecord } from '../../dispatcher/dispatcher';
import { ERROR_RESPONSES, JobIdParams } from '../common-schemas';
import type { RestBackend } from '../rest-server';

export const JobConfigSchema = Type.Object({
  jid: Type.String(),
  name: Type.String(),
  'execution-config': Type.Object({
    'execution-mode': Type.String(),
    'restart-strategy': Type.String(),
    'job-parallelism': Type.Integer(),
    'object-reuse-mode': Type.Boolean(),
    /** The job arguments as ParameterTool reads them (`--port 9999` → `{"port": "9999"}`). */
    'user-config': Type.Record(Type.String(), Type.String()),
  }),
  /** Sluice: the job file the artifact was bundled from, its arguments, and the settings the job function made on `env`. */
  'job-file': Type.String(),
  'program-args': Type.Array(Type.String()),
  'job-settings': Type.Array(Type.Object({ key: Type.String(), value: Type.String() })),
});

export const CheckpointConfigSchema = Type.Object({
  mode: Type.Union([Type.Literal('exactly_once'), Type.Literal('at_least_once')]),
  /** 0: no periodic checkpoints (the job did not call enableCheckpointing); savepoints still work. */
  interval: Type.Integer(),
  timeout: Type.Integer(),
  min_pause: Type.Integer(),
  max_concurrent: Type.Integer(),
  tolerable_failed_checkpoints: Type.Integer(),
  unaligned_checkpoints: Type.Boolean(),
  checkpoints_after_tasks_finish: Type.Boolean(),
  state_backend: Type.String(),
  checkpoint_storage: Type.String(),
  /** Sluice: completed checkpoints kept (Flink's state.checkpoints.num-retained). */
  retained_checkpoints: Type.Integer(),
});

/**
 * GET /jobs/:jid/config (Flink's execution config, plus the job file, its arguments and the
 * job's own settings) and GET /jobs/:jid/checkpoints/config (the job's checkpointing settings
 * after defaults: what the coordinator actually uses).
 */
export function registerJobConfigRoutes(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid/config',
    { schema: { params: JobIdParams, response: { 200: JobConfigSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof JobConfigSchema>> => jobConfig(backend.dispatcher.get(request.params.jid.toLowerCase())),
  );

  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid/checkpoints/config',
    { schema: { params: JobIdParams, response: { 200: CheckpointConfigSchema, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof CheckpointConfigSchema>> => {
      const settings = backend.dispatcher.get(request.params.jid.toLowerCase()).scheduler.checkpoints?.settings;
      return {
        mode: settings?.mode === 'at-least-once' ? 'at_least_once' : 'exactly_once',
        interval: settings?.intervalMs ?? 0,
        timeout: settings?.timeoutMs ?? 0,
        min_pause: settings?.minPauseMs ?? 0,
        max_concurrent: settings?.maxConcurrent ?? 0,
        tolerable_failed_checkpoints: settings?.tolerableFailures ?? 0,
        unaligned_checkpoints: false,
        checkpoints_after_tasks_finish: true,
        state_backend: 'hashmap',
        checkpoint_storage: settings?.storage ?? '',
        retained_checkpoints: settings?.retained ?? 0,
      };
    },
  );
}

function jobConfig(job: JobRecord): Static<typeof JobConfigSchema> {
  const args = job.artifact.args ?? [];
  const settings: Record<string, unknown> = job.config;
  return {
    jid: job.jobId,
    name: job.graph.name,
    'execution-config': {
      'execution-mode': 'PIPELINED',
      'restart-strategy': job.scheduler.restartStrategyName,
      'job-parallelism': job.artifact.defaultParallelism > 0 ? job.artifact.defaultParallelism : Math.max(1, ...job.graph.vertices.map((v) => v.parallelism)),
      'object-reuse-mode': false,
      'user-config': ParameterTool.fromArgs(args).toObject(),
    },
    'job-file': job.artifact.fileName ?? '',
    'program-args': [...args],
    'job-settings': Object.entries(settings)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([key, v]) => ({ key, value: typeof v === 'string' ? v : JSON.stringify(v) })),
  };
}
