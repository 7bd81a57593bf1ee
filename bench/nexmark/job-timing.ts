import type { TestCluster } from '../../test/harness/cluster';

interface JobTimingView {
  'start-time': number;
  'end-time': number;
  vertices: Array<{ id: string; 'start-time': number }>;
}

/** A finished job's run as the bench counts it, from the JobManager's timestamps. */
export interface JobTiming {
  /** Epoch ms of the last vertex's deployment: scheduling and deployment are not the query's throughput. */
  deployedAt: number;
  /** From then to the job's end. */
  ms: number;
  /** The id of the job's first vertex (its source). */
  firstVertex: string;
}

export async function jobTiming(cluster: TestCluster, jobId: string): Promise<JobTiming> {
  const job = await cluster.rest<JobTimingView>(`/jobs/${jobId}`);
  const deployedAt = Math.max(job['start-time'], ...job.vertices.map((v) => v['start-time']));
  return { deployedAt, ms: job['end-time'] - deployedAt, firstVertex: job.vertices[0].id };
}
