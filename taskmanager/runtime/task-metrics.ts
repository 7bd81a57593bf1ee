import type { TaskMetrics, TaskRef } from '../../proto/messages';
import { NO_WATERMARK } from '../../common/event-time';

/** What a task's thread is doing, as Flink splits a task's time: busy, back-pressured or idle. */
export const TaskActivity = { IDLE: 0, BUSY: 1, BACKPRESSURED: 2 } as const;
export type TaskActivity = (typeof TaskActivity)[keyof typeof TaskActivity];

const RECORDS_IN = 0;
const RECORDS_OUT = 1;
const BYTES_IN = 2;
const BYTES_OUT = 3;
const BUSY_MS = 4;
const BACKPRESSURED_MS = 5;
const IDLE_MS = 6;
const WATERMARK = 7;
const ACTIVITY = 8;
const ACTIVITY_SINCE = 9;
const WATERMARK_IDLE = 10;
const FIELDS = 11;

/** Wall-clock ms with sub-ms resolution, comparable across threads (each has its own timeOrigin). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Accumulated totals at one instant (time in the current activity included): the counters of
 * sluice.proto's TaskMetrics (which the heartbeat carries) plus idle time.
 */
export type TaskIoSnapshot = Omit<TaskMetrics, keyof TaskRef> & { idleMs: number };

/**
 * A task's counters, in memory shared with the TaskManager's main thread. A slot's worker
 * thread can be saturated for seconds (one slow record after another); counters it would
 * publish by message would then arrive in bursts, and time accounted only when a turn ends
 * would show 0% and then 100%. Here the main thread reads the counters whenever it samples,
 * and the current activity with when it began, so busy and back-pressured time include the
 * interval still under way (Flink samples them per task the same way, as ms per second).
 * Counters only grow; the reader keeps them monotonic if it catches a write half done.
 */
export class TaskIoMetrics {
  readonly buffer: SharedArrayBuffer;
  private readonly cells: Float64Array;

  constructor(buffer?: SharedArrayBuffer) {
    this.buffer = buffer ?? new SharedArrayBuffer(FIELDS * 8);
    this.cells = new Float64Array(this.buffer);
    if (!buffer) {
      this.cells[WATERMARK] = NO_WATERMARK;
      this.cells[ACTIVITY] = TaskActivity.IDLE;
      this.cells[ACTIVITY_SINCE] = wallClockMs();
    }
  }

  get recordsIn(): number {
    return this.cells[RECORDS_IN]!;
  }
  set recordsIn(n: number) {
    this.cells[RECORDS_IN] = n;
  }
  get recordsOut(): number {
    return this.cells[RECORDS_OUT]!;
  }
  set recordsOut(n: number) {
    this.cells[RECORDS_OUT] = n;
  }
  get bytesIn(): number {
    return this.cells[BYTES_IN]!;
  }
  set bytesIn(n: number) {
    this.cells[BYTES_IN] = n;
  }
  get bytesOut(): number {
    return this.cells[BYTES_OUT]!;
  }
  set bytesOut(n: number) {
    this.cells[BYTES_OUT] = n;
  }
  get currentWatermark(): number {
    return this.cells[WATERMARK]!;
  }
  set currentWatermark(ts: number) {
    this.cells[WATERMARK] = ts;
  }
  get watermarkIdle(): boolean {
    return this.cells[WATERMARK_IDLE] === 1;
  }
  set watermarkIdle(idle: boolean) {
    this.cells[WATERMARK_IDLE] = idle ? 1 : 0;
  }

  /** The task's thread now does `activity`: the time since the last change goes to the previous one. */
  enter(activity: TaskActivity, now = wallClockMs()): void {
    const cells = this.cells;
    const previous = cells[ACTIVITY]!;
    if (previous === activity) return;
    cells[previous === TaskActivity.BUSY ? BUSY_MS : previous === TaskActivity.BACKPRESSURED ? BACKPRESSURED_MS : IDLE_MS]! += now - cells[ACTIVITY_SINCE]!;
    cells[ACTIVITY_SINCE] = now;
    cells[ACTIVITY] = activity;
  }

  snapshot(now = wallClockMs()): TaskIoSnapshot {
    const c = this.cells;
    const activity = c[ACTIVITY];
    const ongoing = Math.max(0, now - c[ACTIVITY_SINCE]!);
    return {
      recordsIn: c[RECORDS_IN]!,
      recordsOut: c[RECORDS_OUT]!,
      bytesIn: c[BYTES_IN]!,
      bytesOut: c[BYTES_OUT]!,
      busyMs: c[BUSY_MS]! + (activity === TaskActivity.BUSY ? ongoing : 0),
      backpressuredMs: c[BACKPRESSURED_MS]! + (activity === TaskActivity.BACKPRESSURED ? ongoing : 0),
      idleMs: c[IDLE_MS]! + (activity === TaskActivity.IDLE ? ongoing : 0),
      currentWatermark: c[WATERMARK]!,
      watermarkIdle: c[WATERMARK_IDLE] === 1,
    };
  }
}

export function newTaskIoMetrics(): TaskIoMetrics {
  return new TaskIoMetrics();
}

/**
 * The main thread's view of one task's shared counters: snapshots that never go backwards
 * (a read can interleave with the worker's update of a time accumulator).
 */
export class TaskIoMetricsReader {
  private readonly metrics: TaskIoMetrics;
  private last: TaskIoSnapshot | undefined;

  constructor(buffer: SharedArrayBuffer) {
    this.metrics = new TaskIoMetrics(buffer);
  }

  read(): TaskIoSnapshot {
    const s = this.metrics.snapshot();
    const last = this.last;
    if (last) {
      s.recordsIn = Math.max(s.recordsIn, last.recordsIn);
      s.recordsOut = Math.max(s.recordsOut, last.recordsOut);
      s.bytesIn = Math.max(s.bytesIn, last.bytesIn);
      s.bytesOut = Math.max(s.bytesOut, last.bytesOut);
      s.busyMs = Math.max(s.busyMs, last.busyMs);
      s.backpressuredMs = Math.max(s.backpressuredMs, last.backpressuredMs);
      s.idleMs = Math.max(s.idleMs, last.idleMs);
    }
    this.last = s;
    return s;
  }
}
