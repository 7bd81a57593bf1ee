import { describe, expect, it } from 'vitest';
import { type TaskMetrics } from '../../proto/messages';
import { NO_WATERMARK } from '../../common/event-time';
import { TaskMetricsStore } from './task-metrics-store';

const JOB = 'a'.repeat(32);

function sample(vertexId: string, subtask: number, over: Partial<TaskMetrics> = {}): TaskMetrics {
  return {
    jobId: JOB, vertexId, subtask, recordsIn: 0, recordsOut: 0, bytesIn: 0, bytesOut: 0, busyMs: 0, backpressuredMs: 0, currentWatermark: NO_WATERMARK, watermarkIdle: false, attempt: 0,
    ...over,
  };
}

function clocked() {
  const clock = { now: 10_000 };
  return { clock, store: new TaskMetricsStore({ now: () => clock.now }) };
}

describe('TaskMetricsStore rates', () => {
  it('computes records/s and busy and back-pressure ratios from consecutive heartbeats', () => {
    const { clock, store } = clocked();
    store.update([sample('v', 0)]);
    expect(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond).toBe(0);
    clock.now += 2_000;
    store.update([sample('v', 0, { recordsIn: 1_000, recordsOut: 500, bytesIn: 4_000, bytesOut: 2_000, busyMs: 600, backpressuredMs: 1_200 })]);
    expect(store.task(JOB, 'v', 0)!.rates).toEqual({
      recordsInPerSecond: 500, recordsOutPerSecond: 250, bytesInPerSecond: 2_000, bytesOutPerSecond: 1_000, busyRatio: 0.3, backpressureRatio: 0.6,
    });
  });

  it('sums throughput over subtasks and reports the worst ratios of a vertex', () => {
    const { clock, store } = clocked();
    store.update([sample('v', 0), sample('v', 1), sample('w', 0)]);
    clock.now += 1_000;
    store.update([sample('v', 0, { recordsOut: 100, backpressuredMs: 100 }), sample('v', 1, { recordsOut: 300, backpressuredMs: 900, busyMs: 50 }), sample('w', 0, { recordsIn: 7 })]);
    expect(store.vertexRates(JOB, 'v')).toMatchObject({ recordsOutPerSecond: 400, backpressureRatio: 0.9, busyRatio: 0.05 });
    expect(store.vertexRates(JOB, 'w').recordsInPerSecond).toBe(7);
    expect(store.vertexMetrics(JOB, 'v')['write-records']).toBe(400);
  });

  it('averages over about three seconds, so counters published out of step with heartbeats give a steady rate', () => {
    const { clock, store } = clocked();
    // The task publishes 1000 records/s, but heartbeats see its counter move by 0 or 2000.
    const seen = [0, 0, 2_000, 2_000, 4_000, 4_000, 6_000, 6_000, 8_000];
    const rates: number[] = [];
    for (const recordsIn of seen) {
      store.update([sample('v', 0, { recordsIn })]);
      rates.push(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond);
      clock.now += 1_000;
    }
    // The first windows are still filling; from three seconds on, the rate stays near 1000/s.
    for (const r of rates.slice(3)) expect(r).toBeGreaterThanOrEqual(666);
    for (const r of rates.slice(3)) expect(r).toBeLessThanOrEqual(1_334);
  });

  it('waits for samples far enough apart to give a rate', () => {
    const { clock, store } = clocked();
    store.update([sample('v', 0)]);
    clock.now += 50;
    store.update([sample('v', 0, { recordsIn: 10 })]);
    expect(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond).toBe(0);
    expect(store.task(JOB, 'v', 0)!.metrics.recordsIn).toBe(10);
    clock.now += 950;
    store.update([sample('v', 0, { recordsIn: 1_000 })]);
    expect(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond).toBe(1_000);
  });

  it('drops rates to zero once a task stops reporting, keeping its totals', () => {
    const { clock, store } = clocked();
    store.update([sample('v', 0)]);
    clock.now += 1_000;
    store.update([sample('v', 0, { recordsIn: 100 })]);
    clock.now += 2_000;
    expect(store.vertexRates(JOB, 'v').recordsInPerSecond).toBe(100);
    clock.now += 2_000;
    expect(store.vertexRates(JOB, 'v').recordsInPerSecond).toBe(0);
    expect(store.vertexMetrics(JOB, 'v')['read-records']).toBe(100);
  });

  it('starts over when counters go backwards (a redeployed task)', () => {
    const { clock, store } = clocked();
    store.update([sample('v', 0, { recordsIn: 5_000 })]);
    clock.now += 1_000;
    store.update([sample('v', 0, { recordsIn: 10 })]);
    expect(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond).toBe(0);
    clock.now += 1_000;
    store.update([sample('v', 0, { recordsIn: 110 })]);
    expect(store.task(JOB, 'v', 0)!.rates.recordsInPerSecond).toBe(100);
  });
});

describe('TaskMetricsStore attempts and watermarks', () => {
  it('ignores late samples of an attempt older than the one it was cleared for', () => {
    const { store } = clocked();
    store.update([sample('v', 0, { recordsIn: 9 })]);
    store.clearJob(JOB, 1);
    expect(store.vertexMetrics(JOB, 'v')['read-records']).toBe(0);
    store.update([sample('v', 0, { recordsIn: 99, attempt: 0 })]);
    expect(store.task(JOB, 'v', 0)).toBeUndefined();
    store.update([sample('v', 0, { recordsIn: 3, attempt: 1 })]);
    expect(store.vertexMetrics(JOB, 'v')['read-records']).toBe(3);
    expect(store.jobIds()).toEqual([JOB]);
  });

  it('gives a vertex the lowest watermark of its subtasks, ignoring those without one', () => {
    const { store } = clocked();
    store.update([sample('v', 0, { currentWatermark: 5_000 }), sample('v', 1, { currentWatermark: 4_000 }), sample('v', 2)]);
    expect(store.vertexWatermark(JOB, 'v')).toBe(4_000);
    store.update([sample('w', 0)]);
    expect(store.vertexWatermark(JOB, 'w')).toBeUndefined();
  });
});
