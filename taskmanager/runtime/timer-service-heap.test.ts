import { describe, it, expect } from 'vitest';
import { TimerHeap, type TimerEntry } from './timer-service-heap';

describe('TimerHeap', () => {
  it('pops by (timestamp, registration order), however pushes and pops interleave', () => {
    const heap = new TimerHeap();
    let x = 11;
    const rnd = (n: number) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) % n);
    const pending: TimerEntry[] = [];
    const popped: TimerEntry[] = [];
    const expected: TimerEntry[] = [];
    let seq = 0;
    for (let step = 0; step < 5000; step++) {
      if (rnd(3) > 0) {
        // Few distinct timestamps, as window ends are: many timers per bucket, and some loners.
        const e = { timestamp: 100 * rnd(12) + (rnd(10) === 0 ? rnd(100) : 0), namespace: 0, key: step, seq: seq++ };
        heap.push(e);
        pending.push(e);
      } else if (pending.length > 0) {
        pending.sort((a, b) => a.timestamp - b.timestamp || a.seq - b.seq);
        expect(heap.peek()).toBe(pending[0]);
        expected.push(pending.shift()!);
        popped.push(heap.pop()!);
      }
      expect(heap.size).toBe(pending.length);
    }
    expect(popped).toEqual(expected);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });
});
