import type { FastifyInstance } from 'fastify';
import type { ArchivedJob } from '../../history/job-archive';
import type { RestBackend } from '../rest-server';

/** `/jobs/<jid>...` (also under /v1/), without the query. */
const JOB_PATH = /^(?:\/v1)?(\/jobs\/([0-9a-fA-F]{32})(?:\/[^?#]*)?)(?:[?#].*)?$/;

/** Archived jobs this JobManager does not run (those that ended before it started). */
export function archivedOnly(backend: RestBackend): ArchivedJob[] {
  return backend.archive?.list().filter((j) => !backend.dispatcher.has(j.jobId)) ?? [];
}

/**
 * Serves the views of jobs that ended before this JobManager started from the archive, as
 * their routes answered when they ended. A job the dispatcher knows is answered live; an
 * operation on an archived job (cancel, savepoint) is a 409: it has ended.
 */
export function registerArchiveFallback(app: FastifyInstance, backend: RestBackend): void {
  app.addHook('onRequest', async (request, reply) => {
    const archive = backend.archive;
    if (!archive) return;
    const match = JOB_PATH.exec(request.url);
    if (!match) return;
    const jobId = match[2].toLowerCase();
    if (backend.dispatcher.has(jobId)) return;
    const job = archive.get(jobId);
    if (!job) return;
    const path = `/jobs/${jobId}${match[1].slice(`/jobs/${jobId}`.length).replace(/\/+$/, '')}`;
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return reply.code(409).send({ errors: [`Job ${jobId} ended (${job.state}) before this JobManager started; only its archived views remain`] });
    const document = job.documents[path];
    if (document === undefined) return reply.code(404).send({ errors: [`Job ${jobId} ended (${job.state}) and its archive has no ${path}; GET /jobs/${jobId} shows what was kept`] });
    return reply.code(200).header('x-sluice-archived', 'true').send(document);
  });
}
