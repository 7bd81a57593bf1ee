import type { JobArtifact, JobGraph } from '../proto/messages';
import { loadJobModule } from './job-loader';
import { DEFAULT_USER_CODE_TIMEOUT_MS, runBounded } from './bounded-run';
import type { StackMapper } from './stack-mapper';
import { buildJob } from './job-builder';
import type { Transformation } from '../api/transformation';
import { type JobConfig, parseJobConfig } from '../common/job-config';
import { SluiceError } from '../common/errors';

/** What a job runs from: the submitted graph and the job's bundle. */
export interface JobDeployment {
  graph: JobGraph;
  artifact: JobArtifact;
}

/**
 * A job as a TaskManager (tasks) or the JobManager (source enumerators) runs it: the submitted
 * graph, plus the user functions and objects obtained by running the job artifact's function
 * again. The rebuilt graph must hash like the submitted one, or operators would be bound to the
 * wrong code.
 */
export class LoadedJob {
  private constructor(
    readonly graph: JobGraph,
    private readonly transformations: readonly Transformation[],
    readonly config: JobConfig,
    /** Maps stack frames of the bundle to the user's files and lines, for task errors. */
    readonly stackMapper: StackMapper | undefined,
  ) {}

  static load(info: JobDeployment): LoadedJob {
    const { artifact, graph } = info;
    const fileName = artifact.fileName || 'job.js';
    const { fn, stackMapper } = loadJobModule(artifact.code, fileName);
    // The job function runs again here, time-bounded: one that loops fails the deployment.
    const rebuilt = runBounded(() => buildJob(fn, artifact.args, artifact.defaultParallelism, fileName), DEFAULT_USER_CODE_TIMEOUT_MS, `The job function of ${fileName}`);
    if (rebuilt.graph.hash !== graph.hash)
      throw new SluiceError(
        'GRAPH_MISMATCH',
        `The job graph rebuilt from ${fileName} in this process differs from the submitted one. The job function must build the same pipeline every time it runs: no randomness, clock or environment-dependent branches.`,
        { domain: 'user' },
      );
    return new LoadedJob(graph, rebuilt.env.transformations, parseJobConfig(graph.configJson), stackMapper);
  }

  userFunction(id: number): unknown {
    const t = this.transformations[id];
    if (!t) throw new SluiceError('INTERNAL', `transformation ${id} not found in the rebuilt job`);
    return t.fn;
  }
}
