import * as path from 'node:path';
import { InvalidArgumentError } from '../../common/errors';
import { buildJobInSandbox } from '../../job/sandboxed-job-build';
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
 * user code: `run`, `run --dry-run` and `info` all go through here. It runs in a sandboxed
 * worker (job/sandboxed-job-build.ts, as the REST jar runner): a job file that calls
 * process.exit() or loops cannot end or hang the CLI with nothing submitted, and the graph is
 * built twice to prove TaskManagers will rebuild the same one.
 */
export async function buildJobFromFile(jobFile: string, jobArgs: readonly string[], parallelism: number | undefined, opts: { declaredStates?: boolean } = {}): Promise<JobFromFile> {
  const fileName = path.resolve(jobFile);
  return buildJobInSandbox({ path: fileName, name: fileName, args: jobArgs, parallelism: parallelism ?? 0 }, { timeoutMs: buildTimeoutMs(), declaredStates: opts.declaredStates });
}

/** `SLUICE_BUILD_TIMEOUT_MS`: how long building the job's pipeline may take (default 30 s). */
function buildTimeoutMs(): number | undefined {
  const raw = process.env.SLUICE_BUILD_TIMEOUT_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) throw new InvalidArgumentError(`SLUICE_BUILD_TIMEOUT_MS must be a positive number of milliseconds, got '${raw}'`);
  return ms;
}
