/**
 * Worker thread that turns a job file into a graph: bundle (esbuild), load, run the default
 * export. User code runs here rather than on the caller's event loop, so a job file that
 * loops forever, exhausts memory or calls process.exit() costs a worker, not the CLI or the
 * JobManager (see sandboxed-job-build.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bundleJobFile } from './job-bundler';
import { buildJob } from './job-builder';
import { loadJobFunction } from './job-loader';
import { SluiceError, errorMessage } from '../common/errors';
import type { JobGraph } from '../proto/messages';
import { declaredKeyedStates } from './declared-states';
import type { DeclaredState } from '../common/checkpoint/savepoint-compatibility';

export interface JobGraphRequest {
  /** The job file to bundle. */
  readonly path: string;
  /** Names the job (its base name without extension) and the loaded module in stack traces. */
  readonly name: string;
  readonly args: readonly string[];
  readonly parallelism: number;
  /** Build the graph twice from fresh loads and refuse it if the hashes differ. */
  readonly checkDeterminism: boolean;
  /** Also collect the keyed states each process function declares in open() (savepoint dry runs). */
  readonly declaredStates?: boolean;
}

export type JobGraphResult =
  | { ok: true; code: Uint8Array; graph: JobGraph; environmentParallelism: number; declaredStates?: Record<string, DeclaredState[]> }
  | { ok: false; code: string; message: string };

function build(code: Uint8Array, req: JobGraphRequest): { graph: JobGraph; environmentParallelism: number; declaredStates?: Record<string, DeclaredState[]> } {
  const { env, graph } = buildJob(loadJobFunction(code, req.path), req.args, req.parallelism, req.name);
  return { graph, environmentParallelism: env.getParallelism(), declaredStates: req.declaredStates ? declaredKeyedStates(env, graph) : undefined };
}

async function run(req: JobGraphRequest): Promise<JobGraphResult> {
  try {
    const code = await bundleJobFile(req.path);
    const { graph, environmentParallelism, declaredStates } = build(code, req);
    if (req.checkDeterminism) {
      // TaskManagers rebuild the graph from the artifact and refuse it when the hash differs:
      // a job function that depends on Math.random(), the clock or the environment would fail
      // only at deployment, on some TaskManagers. Found here, it is one clear error.
      const again = build(code, req).graph;
      if (again.hash !== graph.hash)
        return {
          ok: false,
          code: 'INVALID_GRAPH',
          message: `The job function of ${req.name} builds a different pipeline each time it runs (graph hash ${graph.hash.slice(0, 12)} then ${again.hash.slice(0, 12)}): TaskManagers rebuild it, so it must depend only on its arguments (no Math.random(), Date.now() or environment variables in names, uids, parallelism or the pipeline's shape)`,
        };
    }
    return { ok: true, code, graph, environmentParallelism, declaredStates };
  } catch (err) {
    return { ok: false, code: err instanceof SluiceError ? err.code : 'INVALID_JOB_FILE', message: errorMessage(err) };
  }
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as JobGraphRequest).then((result) => port.postMessage(result));
}
