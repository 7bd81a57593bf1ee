import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { InvalidArgumentError, InvalidGraphError } from './errors';
import { firstSchemaProblem } from './schema-problem';

/**
 * The job-level settings a job function makes on its environment (checkpointing, restart
 * strategy, buffer timeout). They travel as the JobGraph's `config_json`; the client, the
 * JobManager and the TaskManagers all read them through `parseJobConfig`, so there is one
 * definition of the format and one validator.
 */

export const CheckpointingModeSchema = Type.Union([Type.Literal('exactly-once'), Type.Literal('at-least-once')]);
export type CheckpointingMode = Static<typeof CheckpointingModeSchema>;

export const CheckpointConfigSchema = Type.Object(
  {
    /** Between checkpoint triggers (ms). */
    intervalMs: Type.Integer({ minimum: 10 }),
    mode: CheckpointingModeSchema,
    /** @default the cluster's (Flink: 10 min) */
    timeoutMs: Type.Optional(Type.Integer({ minimum: 1 })),
    minPauseMs: Type.Optional(Type.Integer({ minimum: 0 })),
    maxConcurrent: Type.Optional(Type.Integer({ minimum: 1 })),
    tolerableFailures: Type.Optional(Type.Integer({ minimum: 0 })),
    retained: Type.Optional(Type.Integer({ minimum: 1 })),
    /** `file:///dir` or `redis://host:port/db`; the cluster's default otherwise. */
    storage: Type.Optional(Type.String({ minLength: 1 })),
  },
  { additionalProperties: false },
);
export type CheckpointConfig = Static<typeof CheckpointConfigSchema>;

const Ms = Type.Number({ minimum: 0 });
const Count = Type.Integer({ minimum: 0 });
const RESTART_STRATEGIES = {
  none: Type.Object({ type: Type.Literal('none') }, { additionalProperties: false }),
  'fixed-delay': Type.Object({ type: Type.Literal('fixed-delay'), attempts: Count, delayMs: Ms }, { additionalProperties: false }),
  'exponential-delay': Type.Object(
    { type: Type.Literal('exponential-delay'), initialDelayMs: Ms, maxDelayMs: Ms, multiplier: Type.Optional(Type.Number({ minimum: 1 })) },
    { additionalProperties: false },
  ),
  'failure-rate': Type.Object({ type: Type.Literal('failure-rate'), maxFailures: Count, intervalMs: Ms, delayMs: Ms }, { additionalProperties: false }),
} as const;
export const RestartStrategyConfigSchema = Type.Union(Object.values(RESTART_STRATEGIES));
export type RestartStrategyConfig = Static<typeof RestartStrategyConfigSchema>;

export const JobConfigSchema = Type.Object(
  {
    checkpoint: Type.Optional(CheckpointConfigSchema),
    restartStrategy: Type.Optional(RestartStrategyConfigSchema),
    /** Flush network buffers at least this often (ms). */
    bufferTimeoutMs: Type.Number({ minimum: 0, default: 100 }),
  },
  { additionalProperties: false },
);
/** Job-level settings that travel in the JobGraph's config. */
export type JobConfig = Static<typeof JobConfigSchema>;

/** The environment's settings before the job function changed any. */
export function defaultJobConfig(): JobConfig {
  return Value.Default(JobConfigSchema, {}) as JobConfig;
}

/** What is wrong with a restart strategy, in words; undefined when it is fine. */
export function restartStrategyProblem(value: unknown): string | undefined {
  const type = value && typeof value === 'object' ? (value as { type?: unknown }).type : undefined;
  const schema = typeof type === 'string' ? (RESTART_STRATEGIES as Record<string, TSchema>)[type] : undefined;
  if (!schema) return `unknown restart strategy ${JSON.stringify(type)}: use ${Object.keys(RESTART_STRATEGIES).join(', ')}`;
  return firstSchemaProblem(schema, value, `restart strategy '${type}'`);
}

/** What is wrong with a job configuration, in words; undefined when it is fine. */
export function jobConfigProblem(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'restartStrategy' in value) {
    const problem = restartStrategyProblem((value as { restartStrategy: unknown }).restartStrategy);
    if (problem) return problem;
  }
  return firstSchemaProblem(JobConfigSchema, value, '');
}

/**
 * Reads a JobGraph's `config_json`, filling in defaults. A malformed one is the submitter's
 * error (an INVALID_GRAPH naming the bad setting): the job never starts.
 */
export function parseJobConfig(configJson: string): JobConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(configJson || '{}');
  } catch {
    throw new InvalidGraphError('The job configuration is not valid JSON');
  }
  const config = Value.Default(JobConfigSchema, parsed);
  const problem = jobConfigProblem(config);
  if (problem) throw new InvalidGraphError(`Invalid job configuration: ${problem}`);
  return config as JobConfig;
}

/** For the API's setters: the same rules, reported where the user made the call. */
export function checkRestartStrategy(value: unknown, call: string): RestartStrategyConfig {
  const problem = restartStrategyProblem(value);
  if (problem) throw new InvalidArgumentError(`${call}: ${problem}`);
  return value as RestartStrategyConfig;
}
