import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { currentLogFile } from '../../../common/log-file';
import { processLogTail } from '../../../common/log-tail';
import { ERROR_RESPONSES } from '../common-schemas';
import { RestNotFoundError } from '../http-errors';

/** Flink's list of log files: `{"logs": [{"name", "size", "mtime"}]}`. */
export const LogListSchema = Type.Object({ logs: Type.Array(Type.Object({ name: Type.String(), size: Type.Integer(), mtime: Type.Integer() })) });

export const JOB_MANAGER_LOG = 'jobmanager.log';

const LogFileParams = Type.Object({ filename: Type.String({ pattern: '^[A-Za-z0-9._-]{1,128}$' }) });

/** Plain text, newest output last, with a first line saying when older output was dropped. */
export function sendLogText(reply: FastifyReply, text: string, truncated: boolean): FastifyReply {
  const body = truncated ? `[older output dropped: only the latest is kept]\n${text}` : text;
  return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(body);
}

/**
 * GET /jobmanager/logs (Flink's list of log files), GET /jobmanager/log and
 * GET /jobmanager/logs/jobmanager.log (the JobManager's latest log lines as text). The lines
 * are those of its Logger, kept in memory (bounded); they also go to stderr, which the
 * process's supervisor (systemd, docker, stream-cluster) may keep as a file. With `log-file`,
 * the list names that file (its size and time on disk) and `/jobmanager/logs/<its name>`
 * serves it whole, as Flink serves its log directory.
 */
export function registerJobManagerLogRoutes(app: FastifyInstance): void {
  app.get('/jobmanager/logs', { schema: { response: { 200: LogListSchema } } }, async (): Promise<Static<typeof LogListSchema>> => {
    const file = currentLogFile();
    const tail = { name: JOB_MANAGER_LOG, size: processLogTail.size, mtime: processLogTail.modifiedAt };
    if (!file) return { logs: [tail] };
    const stat = await fs.promises.stat(file.path).catch(() => undefined);
    const logs = [{ name: path.basename(file.path), size: stat?.size ?? 0, mtime: Math.floor(stat?.mtimeMs ?? 0) }];
    return { logs: logs[0].name === JOB_MANAGER_LOG ? logs : [...logs, tail] };
  });

  const textSchema = { response: { 200: { type: 'string' }, ...ERROR_RESPONSES } };
  app.get('/jobmanager/log', { schema: textSchema }, async (_request, reply) => {
    const { text, truncated } = processLogTail.text();
    return sendLogText(reply, text, truncated);
  });

  app.get<{ Params: Static<typeof LogFileParams> }>('/jobmanager/logs/:filename', { schema: { params: LogFileParams, ...textSchema } }, async (request, reply) => {
    const file = currentLogFile();
    if (file && request.params.filename === path.basename(file.path))
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(file.path));
    if (request.params.filename !== JOB_MANAGER_LOG) throw new RestNotFoundError(`The JobManager has no log file '${request.params.filename}'; GET /jobmanager/logs lists its logs`);
    const { text, truncated } = processLogTail.text();
    return sendLogText(reply, text, truncated);
  });
}
