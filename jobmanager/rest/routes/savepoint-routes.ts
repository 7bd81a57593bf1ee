import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../../common/errors';
import type { SavepointRequest } from '../../checkpoint/checkpointing-gateway';
import { isTerminalJobState } from '../../scheduler/job-state-machine';
import { ERROR_RESPONSES, JobIdParams, emptyBodyAsObject } from '../common-schemas';
import type { RestBackend } from '../rest-server';
import { RestNotFoundError } from '../http-errors';
import type { SavepointOperations } from '../savepoints/savepoint-operations';

const SavepointBody = Type.Object(
  {
    'target-directory': Type.Optional(Type.String({ minLength: 1 })),
    'cancel-job': Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/** Flink's stop body is camelCase, unlike the savepoint one. */
const StopBody = Type.Object(
  {
    targetDirectory: Type.Optional(Type.String({ minLength: 1 })),
    drain: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const TriggerResponse = Type.Object({ 'request-id': Type.String() });

const StatusParams = Type.Object({ jid: JobIdParams.properties.jid, rid: Type.String({ pattern: '^[0-9a-fA-F]{32}$' }) });

export const OperationStatus = Type.Object({
  status: Type.Object({ id: Type.Union([Type.Literal('IN_PROGRESS'), Type.Literal('COMPLETED')]) }),
  operation: Type.Optional(
    Type.Object({
      location: Type.Optional(Type.String()),
      'failure-cause': Type.Optional(Type.Object({ class: Type.String(), 'stack-trace': Type.String() })),
    }),
  ),
});

/**
 * POST /jobs/:jid/savepoints, POST /jobs/:jid/stop and GET /jobs/:jid/savepoints/:rid, as in
 * Flink: triggering answers 202 with a request id at once; the operation is polled until it
 * is COMPLETED with a `location`, or with a `failure-cause` if the savepoint failed.
 */
export function registerSavepointRoutes(app: FastifyInstance, backend: RestBackend, operations: SavepointOperations): void {
  const trigger = (jid: string, request: SavepointRequest) => {
    const jobId = jid.toLowerCase();
    const state = backend.dispatcher.get(jobId).scheduler.state;
    if (isTerminalJobState(state)) throw new SluiceError('ILLEGAL_STATE', `Job ${jobId} is ${state}: only a running job can take a savepoint`, { domain: 'user' });
    // Called synchronously so that a gateway that refuses at once still answers with a request id whose operation failed.
    let savepoint: Promise<string>;
    try {
      savepoint = backend.checkpointing.triggerSavepoint(jobId, request);
    } catch (err) {
      savepoint = Promise.reject(err);
    }
    return { 'request-id': operations.track(jobId, savepoint) };
  };

  app.post<{ Params: JobIdParams; Body: Static<typeof SavepointBody> }>(
    '/jobs/:jid/savepoints',
    { preValidation: emptyBodyAsObject, schema: { params: JobIdParams, body: SavepointBody, response: { 202: TriggerResponse, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const body = request.body;
      return reply.code(202).send(trigger(request.params.jid, { targetDirectory: body['target-directory'], cancelJob: body['cancel-job'] ?? false }));
    },
  );

  app.post<{ Params: JobIdParams; Body: Static<typeof StopBody> }>(
    '/jobs/:jid/stop',
    { preValidation: emptyBodyAsObject, schema: { params: JobIdParams, body: StopBody, response: { 202: TriggerResponse, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const body = request.body;
      return reply.code(202).send(trigger(request.params.jid, { targetDirectory: body.targetDirectory, stop: true, drain: body.drain ?? false }));
    },
  );

  app.get<{ Params: Static<typeof StatusParams> }>(
    '/jobs/:jid/savepoints/:rid',
    { schema: { params: StatusParams, response: { 200: OperationStatus, ...ERROR_RESPONSES } } },
    async (request): Promise<Static<typeof OperationStatus>> => {
      const jobId = request.params.jid.toLowerCase();
      backend.dispatcher.get(jobId);
      const op = operations.get(jobId, request.params.rid);
      if (!op) throw new RestNotFoundError(`No savepoint request ${request.params.rid} for job ${jobId}`);
      switch (op.status) {
        case 'IN_PROGRESS':
          return { status: { id: 'IN_PROGRESS' } };
        case 'COMPLETED':
          return { status: { id: 'COMPLETED' }, operation: { location: op.location } };
        case 'FAILED':
          return { status: { id: 'COMPLETED' }, operation: { 'failure-cause': { class: op.failureClass, 'stack-trace': op.failureMessage } } };
      }
    },
  );
}
