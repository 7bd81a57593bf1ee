import { describe, it, expect } from 'vitest';
import { InternalTimerService, type TimerTarget } from './timer-service';
import { ManualProcessingTimeService } from './timer-service-manual-time';
import { KeyedStateBackend, type KeyedStateSnapshot } from '../state/keyed-state-backend';
import { keyGroupForKey, operatorIndexForKeyGroup } from '../../common/key-groups';
import { decodeValue, encodeValue } from '../../common/record-codec';

function service(backend: KeyedStateBackend, clock = new ManualProcessingTimeService()) {
  const fired: string[] = [];
  const target: TimerTarget = {
    onEventTime: (ts, ns) => fired.push(`e:${String(backend.currentKey)}:${ns}@${ts}`),
    onProcessingTime: (ts, ns) => fired.push(`p:${String(backend.currentKey)}:${ns}@${ts}`),
  };
  return { timers: new InternalTimerService(backend, clock, target), fired, clock };
}

describe('InternalTimerService', () => {
  it('fires event-time timers in timestamp order across keys, once each, when the watermark passes them', () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const { timers, fired } = service(b);
    for (const [k, ts] of [['a', 30], ['b', 10], ['a', 10], ['c', 20], ['b', 10]] as const) {
      b.setCurrentKey(k);
      timers.registerEventTimeTimer(0, ts);
    }
    expect(timers.numEventTimeTimers).toBe(4); // (b, 10) twice is one timer
    timers.advanceWatermark(15);
    expect(fired).toEqual(['e:b:0@10', 'e:a:0@10']);
    timers.advanceWatermark(100);
    expect(fired).toEqual(['e:b:0@10', 'e:a:0@10', 'e:c:0@20', 'e:a:0@30']);
    expect(timers.numEventTimeTimers).toBe(0);
    expect(b.size).toBe(0); // the timer table releases fired timers
  });

  it('deleted timers never fire; re-registered ones fire once; namespaces are distinct timers', () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const { timers, fired } = service(b);
    b.setCurrentKey('k');
    timers.registerEventTimeTimer(0, 5);
    timers.registerEventTimeTimer(1, 5);
    timers.deleteEventTimeTimer(0, 5);
    timers.registerEventTimeTimer(2, 7);
    timers.deleteEventTimeTimer(2, 7);
    timers.registerEventTimeTimer(2, 7);
    timers.advanceWatermark(10);
    expect(fired).toEqual(['e:k:1@5', 'e:k:2@7']);
  });

  it('timers registered while firing fire in the same advance if due', () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const fired: number[] = [];
    const clock = new ManualProcessingTimeService();
    const timers: InternalTimerService = new InternalTimerService(b, clock, {
      onEventTime: (ts) => {
        fired.push(ts);
        if (ts < 3) timers.registerEventTimeTimer(0, ts + 1);
      },
      onProcessingTime: () => {},
    });
    b.setCurrentKey('x');
    timers.registerEventTimeTimer(0, 1);
    timers.advanceWatermark(10);
    expect(fired).toEqual([1, 2, 3]);
  });

  it('processing-time timers fire when the clock reaches them, and all of them at end of input', () => {
    const b = new KeyedStateBackend(128, 1, 0);
    const { timers, fired, clock } = service(b);
    b.setCurrentKey('a');
    timers.registerProcessingTimeTimer(0, 100);
    timers.registerProcessingTimeTimer(0, 50);
    b.setCurrentKey('b');
    timers.registerProcessingTimeTimer(0, 500);
    clock.advanceTo(99);
    expect(fired).toEqual(['p:a:0@50']);
    clock.advanceTo(100);
    expect(fired).toEqual(['p:a:0@50', 'p:a:0@100']);
    timers.fireAllProcessingTimers();
    expect(fired).toEqual(['p:a:0@50', 'p:a:0@100', 'p:b:0@500']);
    expect(clock.pending).toBe(0);
  });

  it('timers are keyed state: they survive a snapshot and restore at another parallelism', () => {
    const keys = Array.from({ length: 60 }, (_, i) => [`k${i}`, { id: i }][i % 2]);
    const src = new KeyedStateBackend(128, 1, 0);
    const { timers } = service(src);
    keys.forEach((k, i) => {
      src.setCurrentKey(k);
      timers.registerEventTimeTimer(0, 1000 + i);
      timers.registerProcessingTimeTimer(3, 5000 + i);
    });
    const snapshot = decodeValue<KeyedStateSnapshot>(encodeValue(src.snapshot()));
    const all: string[] = [];
    for (let sub = 0; sub < 3; sub++) {
      const b = new KeyedStateBackend(128, 3, sub);
      b.restore([snapshot]);
      const clock = new ManualProcessingTimeService(0);
      const s = service(b, clock);
      const mine = keys.filter((k) => operatorIndexForKeyGroup(128, 3, keyGroupForKey(k, 128)) === sub);
      expect(s.timers.numEventTimeTimers).toBe(mine.length);
      s.timers.advanceWatermark(10_000);
      clock.advanceTo(10_000);
      expect(s.fired.filter((f) => f.startsWith('e:'))).toEqual([...s.fired.filter((f) => f.startsWith('e:'))].sort((x, y) => Number(x.split('@')[1]) - Number(y.split('@')[1])));
      all.push(...s.fired);
    }
    expect(all.filter((f) => f.startsWith('e:'))).toHaveLength(60);
    expect(all.filter((f) => f.startsWith('p:') && f.includes(':3@'))).toHaveLength(60);
  });
});
