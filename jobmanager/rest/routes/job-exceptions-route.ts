import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { Scheduler } from '../../scheduler/scheduler';
import { rootException } from '../../scheduler/job-status';
import { ERROR_RESPONSES, JobIdParams, Nullable } from '../common-schemas';
import type { RestBackend } from '../rest-server';

const ExceptionHistoryEntry = Type.Object({
  exceptionName: Type.String(),
  stacktrace: Type.String(),
  timestamp: Type.Integer(),
  taskName: Nullable(Type.String()),
  location: Nullable(Type.String()),
  taskManagerId: Nullable(Type.String()),
  failureLabels: Type.Record(Type.String(), Type.String()),
  concurrentExceptions: Type.Array(Type.Object({})),
});

export const JobExceptions = Type.Object({
  'root-exception': Nullable(Type.String()),
  timestamp: Nullable(Type.Integer()),
  'all-exceptions': Type.Array(Type.Object({})),
  truncated: Type.Boolean(),
  exceptionHistory: Type.Object({ entries: Type.Array(ExceptionHistoryEntry), truncated: Type.Boolean() }),
});

/**
 * GET /jobs/:jid/exceptions — Flink's shape. The root exception is the failure that ended the
 * job, or else the latest one (a job may have restarted since); `all-exceptions` is the legacy
 * field Flink leaves empty.
 */
export function registerJobExceptionsRoute(app: FastifyInstance, backend: RestBackend): void {
  app.get<{ Params: JobIdParams }>(
    '/jobs/:jid/exceptions',
    { schema: { params: JobIdParams, response: { 200: JobExceptions, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof JobExceptions>> => jobExceptions(backend.dispatcher.get(request.params.jid.toLowerCase()).scheduler),
  );
}

function jobExceptions(s: Scheduler): Static<typeof JobExceptions> {
  const latest = s.exceptions.latest;
  const root = rootException(s);
  return {
    'root-exception': root,
    timestamp: root === null ? null : (latest?.timestamp ?? s.endTime ?? null),
    'all-exceptions': [],
    truncated: false,
    exceptionHistory: {
      entries: s.exceptions.newestFirst().map((e) => ({
        exceptionName: e.exceptionName,
        stacktrace: e.stacktrace ?? e.message,
        timestamp: e.timestamp,
        taskName: e.taskName ?? null,
        location: e.location ?? null,
        taskManagerId: e.taskManagerId ?? null,
        failureLabels: {},
        concurrentExceptions: [],
      })),
      truncated: s.exceptions.truncated,
    },
  };
}
