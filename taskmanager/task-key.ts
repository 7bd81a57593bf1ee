import type { TaskRef } from '../proto/messages';

/**
 * The one key of a task execution inside a TaskManager: job, attempt, vertex, subtask. A
 * deployment descriptor has the same fields, so a task is found under the same key from the
 * descriptor it was deployed with and from any later TaskRef.
 */
export function taskKey(t: TaskRef): string {
  return `${t.jobId}/${t.attempt}/${t.vertexId}/${t.subtask}`;
}
