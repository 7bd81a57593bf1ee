import { describe, it, expect } from 'vitest';
import { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './tumbling-windows';
import { SlidingEventTimeWindows } from './sliding-windows';
import { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './session-windows';
import { GlobalWindows } from './global-windows';
import { windowAssignerFromConfig } from './window-assigner-from-config';
import type { WindowAssigner } from './window-assigner';
import { GLOBAL_WINDOW_START } from './time-window';
import { MAX_WATERMARK } from '../../common/event-time';

function starts(a: WindowAssigner, ts: number): number[] {
  const out: number[] = [];
  const n = a.assignWindows(ts, out);
  return out.slice(0, n);
}

describe('window assigners', () => {
  it('tumbling: one window [floor(ts/size)*size, +size), offsets shift it, negative timestamps work', () => {
    const a = TumblingEventTimeWindows.of(1000);
    expect(starts(a, 0)).toEqual([0]);
    expect(starts(a, 999)).toEqual([0]);
    expect(starts(a, 1000)).toEqual([1000]);
    expect(starts(a, -1)).toEqual([-1000]);
    expect(a.windowEnd(1000)).toBe(2000);
    expect(starts(TumblingEventTimeWindows.of(1000, 100), 50)).toEqual([-900]);
    expect(starts(TumblingEventTimeWindows.of(1000, 100), 100)).toEqual([100]);
    expect(a.isEventTime).toBe(true);
    expect(TumblingProcessingTimeWindows.of(10).isEventTime).toBe(false);
    expect(a.defaultTrigger()).toEqual({ type: 'event-time' });
    expect(() => TumblingEventTimeWindows.of(0)).toThrow(/positive/);
    expect(() => TumblingEventTimeWindows.of(10, 10)).toThrow(/offset/);
  });

  it('sliding: size/slide windows per element, latest first, each containing the timestamp', () => {
    const a = SlidingEventTimeWindows.of(1000, 250);
    const s = starts(a, 1100);
    expect(s).toEqual([1000, 750, 500, 250]);
    for (const start of s) {
      expect(start).toBeLessThanOrEqual(1100);
      expect(a.windowEnd(start)).toBeGreaterThan(1100);
    }
    // a slide that does not divide the size
    const b = SlidingEventTimeWindows.of(10, 3);
    for (let ts = -20; ts < 40; ts++) {
      const got = starts(b, ts);
      const expected: number[] = [];
      for (let st = -42; st <= 42; st += 3) if (st <= ts && ts < st + 10) expected.push(st);
      expect(got.sort((x, y) => x - y)).toEqual(expected);
    }
  });

  it('sessions: each element opens [ts, ts + gap) and the assigner merges', () => {
    const a = EventTimeSessionWindows.withGap(500);
    expect(starts(a, 1234)).toEqual([1234]);
    expect(a.windowEnd(1234)).toBe(1734);
    expect(a.isMerging).toBe(true);
    expect(ProcessingTimeSessionWindows.withGap(5).defaultTrigger()).toEqual({ type: 'processing-time' });
  });

  it('global: one window for all time, never event time, never fires by default', () => {
    const a = GlobalWindows.create();
    expect(starts(a, 5)).toEqual([GLOBAL_WINDOW_START]);
    expect(a.windowEnd(GLOBAL_WINDOW_START)).toBe(MAX_WATERMARK);
    expect(a.isEventTime).toBe(false);
    expect(a.defaultTrigger()).toEqual({ type: 'never' });
  });

  it('rebuilds every assigner from its config (what the runtime does)', () => {
    for (const a of [TumblingEventTimeWindows.of(7, 3), SlidingEventTimeWindows.of(10, 5), EventTimeSessionWindows.withGap(9), ProcessingTimeSessionWindows.withGap(4), GlobalWindows.create()]) {
      const b = windowAssignerFromConfig(JSON.parse(JSON.stringify(a.config)));
      expect(b.constructor).toBe(a.constructor);
      expect(b.config).toEqual(a.config);
    }
  });
});
