/** Counters a task updates on its hot path (plain fields, sampled by heartbeats). */
export interface TaskIoMetrics {
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
  busyMs: number;
  backpressuredMs: number;
}

export function newTaskIoMetrics(): TaskIoMetrics {
  return { recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0, busyMs: 0, backpressuredMs: 0 };
}
