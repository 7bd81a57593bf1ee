import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** The body of every 4xx/5xx answer, as Flink's REST API sends it. */
export const ErrorBody = Type.Object({ errors: Type.Array(Type.String()) });

/** Error answers every route may give. */
export const ERROR_RESPONSES = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 413: ErrorBody, 415: ErrorBody, 500: ErrorBody } as const;

/** `:jid` — 32 hex characters (case-insensitive; job ids are lowercase). */
export const JobIdParams = Type.Object({ jid: Type.String({ pattern: '^[0-9a-fA-F]{32}$' }) });
export type JobIdParams = Static<typeof JobIdParams>;

export function Nullable<T extends TSchema>(t: T) {
  return Type.Union([t, Type.Null()]);
}

/** Counts of executions by state. */
export const StateCounts = Type.Record(Type.String(), Type.Integer());

/** `:vid` — a vertex id (32 hex characters for graphs the Sluice client builds). */
export const JobVertexParams = Type.Object({
  jid: JobIdParams.properties.jid,
  vid: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,128}$' }),
});
export type JobVertexParams = Static<typeof JobVertexParams>;

/**
 * Routes whose JSON body is optional (Flink accepts `POST /jobs/:jid/savepoints` without one):
 * an absent body is validated as `{}`.
 */
export async function emptyBodyAsObject(request: { body: unknown }): Promise<void> {
  if (request.body === undefined || request.body === null) request.body = {};
}
