import { StreamExecutionEnvironment } from '../api/environment';
import { ParameterTool } from '../api/parameter-tool';
import { buildJobGraph } from './job-graph-builder';
import type { JobFunction } from './job-loader';
import type { JobGraph } from '../proto/messages';
import { InvalidArgumentError, SluiceError, errorMessage } from '../common/errors';

export interface BuiltJob {
  env: StreamExecutionEnvironment;
  graph: JobGraph;
}

/**
 * Runs a job function against a fresh environment and builds its JobGraph. The client does
 * this to submit; every TaskManager does it again to bind operators to user functions.
 */
export function buildJob(fn: JobFunction, args: readonly string[], defaultParallelism: number, fileName: string): BuiltJob {
  const env = new StreamExecutionEnvironment(defaultParallelism > 0 ? defaultParallelism : 1);
  const params = ParameterTool.fromArgs(args);
  try {
    const result = fn(env, params) as unknown;
    if (result && typeof (result as Promise<unknown>).then === 'function')
      throw new InvalidArgumentError(`The job function of ${fileName} returned a promise: it must build the pipeline synchronously`, 'INVALID_JOB_FILE');
  } catch (err) {
    if (err instanceof SluiceError) throw err;
    throw new InvalidArgumentError(`The job function of ${fileName} threw: ${errorMessage(err)}`, 'INVALID_JOB_FILE');
  }
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[cm]?[jt]s$/, '');
  return { env, graph: buildJobGraph(env, name) };
}
