import { describe, it, expect } from 'vitest';
import { WatermarkValve } from './watermark-valve';

function valve(n: number) {
  const out: Array<number | string> = [];
  const v = new WatermarkValve(n, { onWatermark: (w) => out.push(w), onIdleChange: (idle) => out.push(idle ? 'idle' : 'active') });
  return { v, out };
}

describe('WatermarkValve', () => {
  it('emits the minimum over channels, only when it advances', () => {
    const { v, out } = valve(3);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 5);
    expect(out).toEqual([]); // channel 2 has none yet
    v.inputWatermark(2, 7);
    expect(out).toEqual([5]);
    v.inputWatermark(1, 20);
    expect(out).toEqual([5, 7]);
    v.inputWatermark(1, 3); // a channel going back is ignored
    v.inputWatermark(2, 30);
    expect(out).toEqual([5, 7, 10]);
    expect(v.current).toBe(10);
  });

  it('excludes idle channels, and emits the max when all are idle', () => {
    const { v, out } = valve(2);
    v.inputWatermark(0, 100);
    v.inputIdle(1, true); // the idle channel no longer holds event time back
    expect(out).toEqual([100]);
    v.inputIdle(0, true);
    expect(out).toEqual([100, 'idle']);
    v.inputWatermark(0, 150); // a watermark proves the channel active again
    expect(out).toEqual([100, 'idle', 'active', 150]);
  });

  it('a channel resuming behind the combined watermark counts only once it caught up', () => {
    const { v, out } = valve(2);
    v.inputWatermark(0, 10);
    v.inputWatermark(1, 10);
    v.inputIdle(1, true);
    v.inputWatermark(0, 50);
    expect(out).toEqual([10, 50]);
    v.inputIdle(1, false);
    v.inputWatermark(1, 20); // behind 50: must not move event time back or hold it
    v.inputWatermark(0, 60);
    expect(out).toEqual([10, 50, 60]);
    v.inputWatermark(1, 55); // still behind 60: not aligned yet
    v.inputWatermark(0, 70);
    expect(out).toEqual([10, 50, 60, 70]);
    v.inputWatermark(1, 80); // aligned again: from now on it takes part in the minimum
    v.inputWatermark(0, 90);
    expect(out).toEqual([10, 50, 60, 70, 80]);
  });

  it('ended channels stop holding back; the last channel ending changes nothing', () => {
    const { v, out } = valve(2);
    v.inputWatermark(0, 40);
    v.channelEnded(1);
    expect(out).toEqual([40]);
    v.inputWatermark(1, 100); // after its end: ignored
    v.inputWatermark(0, Number.MAX_SAFE_INTEGER);
    expect(out).toEqual([40, Number.MAX_SAFE_INTEGER]);
    v.channelEnded(0);
    expect(out).toEqual([40, Number.MAX_SAFE_INTEGER]);
  });

  it('remaining channels all idle after one ends: the task goes idle', () => {
    const { v, out } = valve(2);
    v.inputIdle(0, true);
    v.inputWatermark(1, 5);
    v.channelEnded(1);
    expect(out).toEqual([5, 'idle']);
  });
});
