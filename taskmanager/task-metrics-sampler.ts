import type { TaskMetrics, TaskRef } from '../proto/messages';
import { taskKey } from './task-key';
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
    this.live.set(taskKey(ref), { ref, reader: new TaskIoMetricsReader(buffer) });
  }

  ended(ref: TaskRef): void {
    const key = taskKey(ref);
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
  // Idle time stays in the TaskManager; the rest is the heartbeat's TaskMetrics, in whole ms.
  const { idleMs: _idle, busyMs, backpressuredMs, ...counters } = reader.read();
  return { jobId: ref.jobId, vertexId: ref.vertexId, subtask: ref.subtask, attempt: ref.attempt, ...counters, busyMs: Math.round(busyMs), backpressuredMs: Math.round(backpressuredMs) };
}

