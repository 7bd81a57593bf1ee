import { NO_WATERMARK } from '../../common/event-time';

/** Counters a task updates on its hot path (plain fields, sampled by heartbeats). */
export interface TaskIoMetrics {
  recordsIn: number;
  recordsOut: number;
  bytesIn: number;
  bytesOut: number;
  busyMs: number;
  backpressuredMs: number;
  /** Min watermark over the task's inputs (NO_WATERMARK until one arrives). */
  currentWatermark: number;
  /** Every input is idle (their sources declared idleness): the watermark does not advance for now. */
  watermarkIdle: boolean;
}

export function newTaskIoMetrics(): TaskIoMetrics {
  return { recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0, busyMs: 0, backpressuredMs: 0, currentWatermark: NO_WATERMARK, watermarkIdle: false };
}
