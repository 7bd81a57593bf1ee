import type { FastifyInstance } from 'fastify';
import type { ArchivedJob } from '../../history/job-archive';

/**
 * Takes an ended job's REST views as its live routes answer them (Flink's JsonArchivist does
 * this per handler): the job, plan, configuration, exceptions, checkpoints with the details of
 * each in the history, and every vertex with its subtasks, watermarks and back-pressure.
 */
export async function archiveJobViews(app: FastifyInstance, jobId: string): Promise<ArchivedJob> {
  const documents: Record<string, unknown> = {};
  const take = async (path: string): Promise<unknown> => {
    const res = await app.inject({ method: 'GET', url: path });
    if (res.statusCode !== 200) return undefined;
    const body: unknown = res.json();
    documents[path] = body;
    return body;
  };
  const base = `/jobs/${jobId}`;
  const job = (await take(base)) as { name: string; state: string; 'start-time': number; 'end-time': number; vertices: Array<{ id: string }> } | undefined;
  if (!job) throw new Error(`GET ${base} did not answer 200`);
  for (const suffix of ['/plan', '/config', '/exceptions', '/checkpoints/config']) await take(base + suffix);
  const checkpoints = (await take(`${base}/checkpoints`)) as { history: Array<{ id: number }> } | undefined;
  for (const { id } of checkpoints?.history ?? []) {
    const details = (await take(`${base}/checkpoints/details/${id}`)) as { tasks: Record<string, unknown> } | undefined;
    for (const vid of Object.keys(details?.tasks ?? {})) await take(`${base}/checkpoints/details/${id}/subtasks/${vid}`);
  }
  for (const { id } of job.vertices) for (const suffix of ['', '/watermarks', '/backpressure']) await take(`${base}/vertices/${id}${suffix}`);
  const overview = ((await app.inject({ method: 'GET', url: '/jobs/overview' })).json() as { jobs: Array<{ jid: string }> }).jobs.find((j) => j.jid === jobId);
  return { jobId, name: job.name, state: job.state, startTime: job['start-time'], endTime: job['end-time'], documents, overview };
}
