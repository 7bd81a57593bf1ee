import { InvalidArgumentError } from '../../../common/errors';
import { buildJobInSandbox } from '../../../job/sandboxed-job-build';
import type { JobSubmission } from '../../dispatcher/job-submission';
import type { StoredJobFile } from './jar-store';

export interface RunOptions {
  /** 0: the job's own default (env.setParallelism), as the CLI without -p. */
  readonly parallelism: number;
  readonly args: readonly string[];
  readonly savepointPath: string;
  readonly allowNonRestoredState: boolean;
  /** How long the job file may take to bundle and build its graph. @default 30000 */
  readonly timeoutMs?: number;
  /** Heap limit of the build's worker. @default 256 */
  readonly maxMemoryMb?: number;
}

/**
 * Turns an uploaded job file into the request `stream-submit` would send: bundled and its
 * default export run against a fresh environment in a sandboxed worker (job/sandboxed-job-build.ts),
 * as Flink runs a jar's main() for web submission. A job file that throws, loops, runs out of
 * memory or exits is the user's error (400), never the JobManager's end.
 */
export async function buildSubmitRequest(file: StoredJobFile, options: RunOptions): Promise<JobSubmission> {
  const { code, graph } = await buildJobInSandbox(
    { path: file.path, name: file.name, args: options.args, parallelism: options.parallelism },
    { timeoutMs: options.timeoutMs, maxMemoryMb: options.maxMemoryMb },
  );
  return {
    graph,
    artifact: { code: Buffer.from(code.buffer, code.byteOffset, code.byteLength), args: [...options.args], defaultParallelism: options.parallelism, fileName: file.name },
    savepointPath: options.savepointPath,
    allowNonRestoredState: options.allowNonRestoredState,
  };
}

/** Flink's `programArgs` (one string, split on whitespace) or `programArgsList` (already split). */
export function programArguments(programArgs: string | undefined, programArgsList: readonly string[] | undefined): string[] {
  if (programArgs !== undefined && programArgsList !== undefined)
    throw new InvalidArgumentError('Give either programArgs (one string) or programArgsList (an array), not both');
  if (programArgsList !== undefined) return [...programArgsList];
  return (programArgs ?? '').split(/\s+/).filter((a) => a.length > 0);
}
