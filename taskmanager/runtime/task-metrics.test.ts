import { describe, expect, it } from 'vitest';
import { TaskActivity, TaskIoMetrics, TaskIoMetricsReader } from './task-metrics';

describe('TaskIoMetrics', () => {
  it('splits time into busy, back-pressured and idle, counting the interval under way', () => {
    const m = new TaskIoMetrics();
    m.enter(TaskActivity.IDLE, 1_000);
    m.enter(TaskActivity.BUSY, 1_000);
    m.enter(TaskActivity.BACKPRESSURED, 1_300);
    m.enter(TaskActivity.BUSY, 1_400);
    // A turn still running at 2,000 ms: its 600 ms are already busy time.
    const s = m.snapshot(2_000);
    expect(s.busyMs).toBe(300 + 600);
    expect(s.backpressuredMs).toBe(100);
  });

  it('is read by another view of the same shared memory, as the main thread reads a slot worker', () => {
    const m = new TaskIoMetrics();
    const reader = new TaskIoMetricsReader(m.buffer);
    m.recordsIn += 5;
    m.bytesOut += 100;
    m.currentWatermark = 42;
    const s = reader.read();
    expect([s.recordsIn, s.bytesOut, s.currentWatermark]).toEqual([5, 100, 42]);
  });

  it('never reports a total lower than an earlier one', () => {
    const m = new TaskIoMetrics();
    const reader = new TaskIoMetricsReader(m.buffer);
    m.enter(TaskActivity.BUSY, 0);
    const first = reader.read();
    // A clock step back (or a read between the worker's two writes) must not make time shrink.
    m.enter(TaskActivity.IDLE, 1);
    const second = reader.read();
    expect(second.busyMs).toBeGreaterThanOrEqual(first.busyMs);
  });
});
