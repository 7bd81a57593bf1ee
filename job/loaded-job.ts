import type { JobArtifact, JobGraph } from '../proto/messages';
import { loadJobFunction } from './job-loader';
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
  ) {}

  static load(info: JobDeployment): LoadedJob {
    const { artifact, graph } = info;
    const fileName = artifact.fileName || 'job.js';
    const fn = loadJobFunction(artifact.code, fileName);
    const rebuilt = buildJob(fn, artifact.args, artifact.defaultParallelism, fileName);
    if (rebuilt.graph.hash !== graph.hash)
      throw new SluiceError(
        'GRAPH_MISMATCH',
        `The job graph rebuilt from ${fileName} in this process differs from the submitted one. The job function must build the same pipeline every time it runs: no randomness, clock or environment-dependent branches.`,
        { domain: 'user' },
      );
    return new LoadedJob(graph, rebuilt.env.transformations, parseJobConfig(graph.configJson));
  }

  userFunction(id: number): unknown {
    const t = this.transformations[id];
    if (!t) throw new SluiceError('INTERNAL', `transformation ${id} not found in the rebuilt job`);
    return t.fn;
  }
}
