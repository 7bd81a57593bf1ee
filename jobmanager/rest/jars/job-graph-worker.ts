/**
 * Worker thread that turns an uploaded job file into a graph: bundle (esbuild), load, run the
 * default export. User code runs here rather than on the JobManager's event loop, so a job
 * file that loops forever, exhausts memory or calls process.exit() costs a worker, not the
 * JobManager (see jar-runner.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bundleJobFile } from '../../../job/job-bundler';
import { buildJob } from '../../../job/job-builder';
import { loadJobFunction } from '../../../job/job-loader';
import { SluiceError, errorMessage } from '../../../common/errors';
import type { JobGraph } from '../../../proto/messages';

export interface JobGraphRequest {
  readonly path: string;
  /** The file name the user uploaded: names the job, and the artifact TaskManagers load. */
  readonly name: string;
  readonly args: readonly string[];
  readonly parallelism: number;
}

export type JobGraphResult = { ok: true; code: Uint8Array; graph: JobGraph } | { ok: false; code: string; message: string };

async function run(req: JobGraphRequest): Promise<JobGraphResult> {
  try {
    const code = await bundleJobFile(req.path);
    const fn = loadJobFunction(code, req.path);
    const { graph } = buildJob(fn, req.args, req.parallelism, req.name);
    return { ok: true, code, graph };
  } catch (err) {
    return { ok: false, code: err instanceof SluiceError ? err.code : 'INVALID_JOB_FILE', message: errorMessage(err) };
  }
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as JobGraphRequest).then((result) => port.postMessage(result));
}
