import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, InvalidArgumentError, SluiceError } from '../../../common/errors';
import type { JobSubmission } from '../../dispatcher/job-submission';
import type { StoredJobFile } from './jar-store';
import type { JobGraphRequest, JobGraphResult } from './job-graph-worker';

export interface RunOptions {
  /** 0: the job's own default (env.setParallelism), as the CLI without -p. */
  readonly parallelism: number;
  readonly args: readonly string[];
  readonly savepointPath: string;
  readonly allowNonRestoredState: boolean;
  /** How long the job file may take to bundle and build its graph. @default 30000 */
  readonly timeoutMs?: number;
}

/** A job function builds a graph in milliseconds; one that takes this long is stuck. */
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Turns an uploaded job file into the request `stream-submit` would send: bundled with esbuild
 * and its default export run against a fresh environment to build the graph, as Flink runs a
 * jar's main() for web submission. This happens in a worker thread of the JobManager: a job file
 * that throws, loops, runs out of memory or exits is the user's error (400), never the
 * JobManager's end.
 */
export async function buildSubmitRequest(file: StoredJobFile, options: RunOptions): Promise<JobSubmission> {
  const request: JobGraphRequest = { path: file.path, name: file.name, args: [...options.args], parallelism: options.parallelism };
  const { code, graph } = await inWorker(request, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return {
    graph,
    artifact: { code: Buffer.from(code.buffer, code.byteOffset, code.byteLength), args: [...options.args], defaultParallelism: options.parallelism, fileName: file.name },
    savepointPath: options.savepointPath,
    allowNonRestoredState: options.allowNonRestoredState,
  };
}

function inWorker(request: JobGraphRequest, timeoutMs: number): Promise<Extract<JobGraphResult, { ok: true }>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(), { workerData: request, resourceLimits: { maxOldGenerationSizeMb: 512 } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const userError = (message: string) => new InvalidArgumentError(`Job file ${request.name}: ${message}`, 'INVALID_JOB_FILE');
    const timer = setTimeout(() => settle(() => reject(userError(`building the pipeline did not finish within ${timeoutMs / 1000} s (does the job function wait or loop forever?)`))), timeoutMs);
    worker.once('message', (result: JobGraphResult) =>
      settle(() => (result.ok ? resolve(result) : reject(new SluiceError(result.code as ErrorCode, result.message, { domain: 'user' })))),
    );
    worker.once('error', (err) =>
      settle(() => reject(userError((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'building the pipeline ran out of memory' : err.message))),
    );
    worker.once('exit', (exitCode) => settle(() => reject(userError(`the job file ended its process (exit code ${exitCode}) while building the pipeline; a job file must not call process.exit()`))));
  });
}

/**
 * The compiled worker beside this module. Tests run this module from TypeScript source, where
 * only the build (scripts/build.mjs, run before every test run) has produced the worker.
 */
function workerScript(): string {
  const beside = path.join(__dirname, 'job-graph-worker.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', '..', 'dist', 'jobmanager', 'rest', 'jars', 'job-graph-worker.js');
  if (fs.existsSync(built)) return built;
  throw new SluiceError('INTERNAL', `The job graph worker is missing (${beside}); run npm run build`);
}

/** Flink's `programArgs` (one string, split on whitespace) or `programArgsList` (already split). */
export function programArguments(programArgs: string | undefined, programArgsList: readonly string[] | undefined): string[] {
  if (programArgs !== undefined && programArgsList !== undefined)
    throw new InvalidArgumentError('Give either programArgs (one string) or programArgsList (an array), not both');
  if (programArgsList !== undefined) return [...programArgsList];
  return (programArgs ?? '').split(/\s+/).filter((a) => a.length > 0);
}
