import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { OutputKind } from '../../../proto/messages';
import { ERROR_RESPONSES } from '../common-schemas';
import { RestNotFoundError } from '../http-errors';
import type { RestBackend } from '../rest-server';
import { LogListSchema, sendLogText } from './jobmanager-log-routes';
import { TaskManagerIdParams } from './taskmanager-detail-route';

/** Flink's names for a TaskManager's log and its stdout. */
const FILES: Record<string, OutputKind> = { 'taskmanager.log': 'log', 'taskmanager.out': 'stdout' };

const FileParams = Type.Object({ tmid: TaskManagerIdParams.properties.tmid, filename: Type.String({ pattern: '^[A-Za-z0-9._-]{1,128}$' }) });

/**
 * A TaskManager's latest log lines and print() output, fetched from it over gRPC (it keeps
 * them in memory, bounded): GET /taskmanagers/:tmid/logs (Flink's list), /log, /stdout and
 * /logs/:filename (`taskmanager.log`, `taskmanager.out`).
 */
export function registerTaskManagerOutputRoutes(app: FastifyInstance, backend: RestBackend): void {
  const address = (tmid: string): string => {
    const tm = backend.registry.get(tmid);
    if (!tm) throw new RestNotFoundError(`TaskManager ${tmid} not found; GET /taskmanagers lists the registered ones`);
    return tm.rpcAddress;
  };
  const textSchema = { params: TaskManagerIdParams, response: { 200: { type: 'string' }, ...ERROR_RESPONSES, 503: ERROR_RESPONSES[500] } };

  app.get<{ Params: Static<typeof TaskManagerIdParams> }>(
    '/taskmanagers/:tmid/logs',
    { schema: { params: TaskManagerIdParams, response: { 200: LogListSchema, ...ERROR_RESPONSES, 503: ERROR_RESPONSES[500] } } },
    async (request): Promise<Static<typeof LogListSchema>> => {
      const rpc = address(request.params.tmid);
      const logs = await Promise.all(
        Object.entries(FILES).map(async ([name, kind]) => {
          const r = await backend.taskExecutors.output(rpc, { kind, maxBytes: 1 });
          return { name, size: r.size, mtime: r.modifiedAt };
        }),
      );
      return { logs };
    },
  );

  for (const [route, kind] of [['log', 'log'], ['stdout', 'stdout']] as const) {
    app.get<{ Params: Static<typeof TaskManagerIdParams> }>(`/taskmanagers/:tmid/${route}`, { schema: textSchema }, async (request, reply) => {
      const r = await backend.taskExecutors.output(address(request.params.tmid), { kind });
      return sendLogText(reply, r.text, r.truncated);
    });
  }

  app.get<{ Params: Static<typeof FileParams> }>('/taskmanagers/:tmid/logs/:filename', { schema: { ...textSchema, params: FileParams } }, async (request, reply) => {
    const kind = FILES[request.params.filename];
    if (!kind) throw new RestNotFoundError(`A TaskManager has no log file '${request.params.filename}': ${Object.keys(FILES).join(' and ')} are kept`);
    const r = await backend.taskExecutors.output(address(request.params.tmid), { kind });
    return sendLogText(reply, r.text, r.truncated);
  });
}
