import type { TaskMetrics } from '../../proto/messages';

/** The sums over a vertex's subtasks, named as Flink's REST API names them. */
export interface VertexMetrics {
  'read-records': number;
  'write-records': number;
  'read-bytes': number;
  'write-bytes': number;
  'accumulated-busy-time': number;
  'accumulated-backpressured-time': number;
}

/**
 * The latest metrics of every task, as TaskManagers report them in heartbeats. Values are
 * kept after a task ends so a finished job still shows what it processed.
 */
export class TaskMetricsStore {
  /** jobId → "vertexId/subtask" → latest metrics */
  private readonly byJob = new Map<string, Map<string, TaskMetrics>>();

  update(metrics: readonly TaskMetrics[]): void {
    for (const m of metrics) {
      if (!m.jobId || !m.vertexId) continue;
      let job = this.byJob.get(m.jobId);
      if (!job) this.byJob.set(m.jobId, (job = new Map()));
      job.set(`${m.vertexId}/${m.subtask}`, m);
    }
  }

  /** Forgets a job's metrics (a restart begins counting anew). */
  clearJob(jobId: string): void {
    this.byJob.delete(jobId);
  }

  vertexMetrics(jobId: string, vertexId: string): VertexMetrics {
    const sum: VertexMetrics = {
      'read-records': 0,
      'write-records': 0,
      'read-bytes': 0,
      'write-bytes': 0,
      'accumulated-busy-time': 0,
      'accumulated-backpressured-time': 0,
    };
    for (const m of this.byJob.get(jobId)?.values() ?? []) {
      if (m.vertexId !== vertexId) continue;
      sum['read-records'] += num(m.recordsIn);
      sum['write-records'] += num(m.recordsOut);
      sum['read-bytes'] += num(m.bytesIn);
      sum['write-bytes'] += num(m.bytesOut);
      sum['accumulated-busy-time'] += num(m.busyMs);
      sum['accumulated-backpressured-time'] += num(m.backpressuredMs);
    }
    return sum;
  }
}

function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}
