import type { TaskMetrics, TaskRef } from '../proto/messages';
import { TaskIoMetricsReader } from './runtime/task-metrics';

/**
 * The TaskManager's main thread samples its tasks' counters straight from the memory their
 * slot workers share with it (taskmanager/runtime/task-metrics.ts), at heartbeat time: a
 * worker saturated by a slow operator cannot delay or bunch its figures. A task that ended
 * is reported once more with its final totals, then forgotten.
 */
export class TaskMetricsSampler {
  private readonly live = new Map<string, { ref: TaskRef; reader: TaskIoMetricsReader }>();
  private finals: TaskMetrics[] = [];

  add(ref: TaskRef, buffer: SharedArrayBuffer): void {
    this.live.set(keyOf(ref), { ref, reader: new TaskIoMetricsReader(buffer) });
  }

  ended(ref: TaskRef): void {
    const key = keyOf(ref);
    const task = this.live.get(key);
    if (!task) return;
    this.live.delete(key);
    this.finals.push(toTaskMetrics(task.ref, task.reader));
  }

  sample(): TaskMetrics[] {
    const out = this.finals;
    this.finals = [];
    for (const t of this.live.values()) out.push(toTaskMetrics(t.ref, t.reader));
    return out;
  }
}

function toTaskMetrics(ref: TaskRef, reader: TaskIoMetricsReader): TaskMetrics {
  const s = reader.read();
  return {
    jobId: ref.jobId,
    vertexId: ref.vertexId,
    subtask: ref.subtask,
    attempt: ref.attempt,
    recordsIn: s.recordsIn,
    recordsOut: s.recordsOut,
    bytesIn: s.bytesIn,
    bytesOut: s.bytesOut,
    busyMs: Math.round(s.busyMs),
    backpressuredMs: Math.round(s.backpressuredMs),
    currentWatermark: s.currentWatermark,
    watermarkIdle: s.watermarkIdle,
  };
}

function keyOf(t: TaskRef): string {
  return `${t.jobId}/${t.attempt}/${t.vertexId}/${t.subtask}`;
}
