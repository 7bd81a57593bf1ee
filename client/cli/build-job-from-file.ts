import * as path from 'node:path';
import { bundleJobFile } from '../../job/job-bundler';
import { loadJobFunction } from '../../job/job-loader';
import { buildJob } from '../../job/job-builder';
import { declaredKeyedStates } from '../../job/declared-states';
import type { DeclaredState } from '../../common/checkpoint/savepoint-compatibility';
import type { JobGraph } from '../../proto/messages';

/** What the CLI needs of a job file: its bundle, its graph, and what it set on env itself. */
export interface JobFromFile {
  /** The bundled job file (esbuild), sent to the cluster as the job's artifact. */
  code: Uint8Array;
  graph: JobGraph;
  /** env.getParallelism() after the job function ran: differs from -p when the file set it. */
  environmentParallelism: number;
  /** With `declaredStates: true`: keyed states each process function declares in open(), by uid. */
  declaredStates?: Record<string, DeclaredState[]>;
}

/**
 * Bundles, loads and runs a job file to build its JobGraph. The one place where the CLI runs
 * user code: `run`, `run --dry-run` and `info` all go through here. Plain data in and out.
 */
export async function buildJobFromFile(jobFile: string, jobArgs: readonly string[], parallelism: number | undefined, opts: { declaredStates?: boolean } = {}): Promise<JobFromFile> {
  const code = await bundleJobFile(jobFile);
  const fileName = path.resolve(jobFile);
  const fn = loadJobFunction(code, fileName);
  const { env, graph } = buildJob(fn, jobArgs, parallelism ?? 0, fileName);
  return { code, graph, environmentParallelism: env.getParallelism(), declaredStates: opts.declaredStates ? declaredKeyedStates(env, graph) : undefined };
}
