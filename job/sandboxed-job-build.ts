import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { InvalidArgumentError, SluiceError } from '../common/errors';
import { isErrorCode } from '../common/error-statuses';
import type { JobGraph } from '../proto/messages';
import type { DeclaredState } from '../common/checkpoint/savepoint-compatibility';
import type { JobGraphRequest, JobGraphResult } from './job-graph-worker';

export interface SandboxedBuildOptions {
  /** How long bundling and building may take; a job function that loops is stopped. @default 30000 */
  readonly timeoutMs?: number;
  /** Heap limit of the worker (MiB): an allocating job function runs out of memory there. @default 256 */
  readonly maxMemoryMb?: number;
  /** Build twice and compare the graph hashes. @default true */
  readonly checkDeterminism?: boolean;
  /** Also collect the keyed states each process function declares in open(). @default false */
  readonly declaredStates?: boolean;
}

export interface SandboxedBuild {
  /** The bundled artifact TaskManagers load. */
  readonly code: Uint8Array;
  readonly graph: JobGraph;
  /** env.getParallelism() after the job function ran: differs from the default when the file set it. */
  readonly environmentParallelism: number;
  /** With `declaredStates`: keyed states each process function declares in open(), by uid. */
  readonly declaredStates?: Record<string, DeclaredState[]>;
}

/** A job function builds a graph in milliseconds; one that takes this long is stuck. */
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MEMORY_MB = 256;

/**
 * Bundles a job file and builds its graph in a worker thread with a heap limit and a time
 * bound, as Flink runs a jar's main() for submission. The CLI (stream-submit) and the REST jar
 * runner both build jobs here: a job file that throws, loops, exhausts memory or calls
 * process.exit() is reported as the user's error (INVALID_JOB_FILE), and the calling process
 * carries on.
 */
export function buildJobInSandbox(
  request: { path: string; name: string; args: readonly string[]; parallelism: number },
  options: SandboxedBuildOptions = {},
): Promise<SandboxedBuild> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const workerData: JobGraphRequest = { ...request, args: [...request.args], checkDeterminism: options.checkDeterminism ?? true, declaredStates: options.declaredStates ?? false };
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), {
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? DEFAULT_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const userError = (message: string) => new InvalidArgumentError(`Job file ${path.basename(request.name)}: ${message}`, 'INVALID_JOB_FILE');
    const timer = setTimeout(
      () => settle(() => reject(userError(`building the pipeline did not finish within ${timeoutMs / 1000} s (does the job function wait or loop forever?)`))),
      timeoutMs,
    );
    worker.once('message', (result: JobGraphResult) =>
      settle(() =>
        result.ok
          ? resolve({ code: result.code, graph: result.graph, environmentParallelism: result.environmentParallelism, declaredStates: result.declaredStates })
          : reject(new SluiceError(isErrorCode(result.code) ? result.code : 'INVALID_JOB_FILE', result.message, { domain: 'user' })),
      ),
    );
    worker.once('error', (err) =>
      settle(() => reject(userError((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'building the pipeline ran out of memory' : err.message))),
    );
    worker.once('exit', (exitCode) =>
      settle(() => reject(userError(`the job file ended its process (exit code ${exitCode}) while building the pipeline; a job file must not call process.exit()`))),
    );
  });
}

/**
 * The compiled worker beside this module. Tests run this module from TypeScript source, where
 * only the build (scripts/build.mjs, run before every test run) has produced the worker.
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'job-graph-worker.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', 'dist', 'job', 'job-graph-worker.js');
  if (fs.existsSync(built)) return built;
  throw new SluiceError('INTERNAL', `The job graph worker is missing (${beside}); run npm run build`);
}
