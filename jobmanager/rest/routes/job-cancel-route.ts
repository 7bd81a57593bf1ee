import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { ERROR_RESPONSES, JobIdParams } from '../common-schemas';
import type { RestBackend } from '../rest-server';

/** Flink's only remaining mode; absent means cancel, as in Flink. */
const CancelQuery = Type.Object({ mode: Type.Optional(Type.Unsafe<'cancel'>({ type: 'string', enum: ['cancel'] })) });

/** PATCH /jobs/:jid?mode=cancel — starts cancelling; 202 with `{}`. Cancelling an ended job is 409. */
export function registerJobCancelRoute(app: FastifyInstance, backend: RestBackend): void {
  app.patch<{ Params: JobIdParams; Querystring: Static<typeof CancelQuery> }>(
    '/jobs/:jid',
    { schema: { params: JobIdParams, querystring: CancelQuery, response: { 202: Type.Object({}), ...ERROR_RESPONSES } } },
    async (request, reply) => {
      backend.dispatcher.cancel(request.params.jid.toLowerCase());
      return reply.code(202).send({});
    },
  );
}
