import { describe, it, expect } from 'vitest';
import { createTrigger, CONTINUE, FIRE, PURGE, type TriggerContext } from './window-triggers';
import { KeyedStateBackend } from '../../state/keyed-state-backend';
import { NamespacedStateTable } from '../../state/namespaced-state-table';

function context(watermark = -Infinity, now = 0) {
  const backend = new KeyedStateBackend(8, 1, 0);
  backend.setCurrentKey('k');
  const timers: string[] = [];
  const ctx: TriggerContext & { timers: string[] } = {
    currentWatermark: watermark,
    currentProcessingTime: () => now,
    registerEventTimeTimer: (ns, t) => timers.push(`+e${ns}@${t}`),
    deleteEventTimeTimer: (ns, t) => timers.push(`-e${ns}@${t}`),
    registerProcessingTimeTimer: (ns, t) => timers.push(`+p${ns}@${t}`),
    deleteProcessingTimeTimer: (ns, t) => timers.push(`-p${ns}@${t}`),
    counts: new NamespacedStateTable<number>(backend, '$window/count'),
    timers,
  };
  return ctx;
}

describe('triggers', () => {
  it('event time: registers a timer at the window end, fires on it, fires at once for late windows', () => {
    const t = createTrigger({ type: 'event-time' });
    const ctx = context(100);
    expect(t.onElement(150, 0, 199, ctx, true)).toBe(CONTINUE);
    expect(t.onElement(160, 0, 199, ctx, false)).toBe(CONTINUE); // not fresh: its timer exists
    expect(ctx.timers).toEqual(['+e0@199']);
    expect(t.onEventTime(199, 0, 199, ctx)).toBe(FIRE);
    expect(t.onEventTime(250, 0, 199, ctx)).toBe(CONTINUE); // a cleanup timer, not the window end
    expect(t.onProcessingTime(199, 0, 199, ctx)).toBe(CONTINUE);
    expect(t.onElement(50, 0, 99, ctx, true)).toBe(FIRE); // window end <= watermark: late firing
    t.onMerge(0, 299, ctx);
    t.clear(0, 199, ctx);
    expect(ctx.timers).toEqual(['+e0@199', '+e0@299', '-e0@199']);
  });

  it('processing time: registers at the window end and fires on it', () => {
    const t = createTrigger({ type: 'processing-time' });
    const ctx = context(0, 10);
    expect(t.onElement(0, 0, 99, ctx, true)).toBe(CONTINUE);
    expect(t.onProcessingTime(99, 0, 99, ctx)).toBe(FIRE);
    expect(t.onEventTime(99, 0, 99, ctx)).toBe(CONTINUE);
    t.clear(0, 99, ctx);
    expect(ctx.timers).toEqual(['+p0@99', '-p0@99']);
  });

  it('count: fires every n elements per window, with its count in keyed state, cleared on fire', () => {
    const t = createTrigger({ type: 'count', count: 3 });
    const ctx = context();
    expect([1, 2, 3, 4, 5, 6].map(() => t.onElement(0, 7, 9, ctx, false))).toEqual([CONTINUE, CONTINUE, FIRE, CONTINUE, CONTINUE, FIRE]);
    expect(ctx.counts.size).toBe(0);
    t.onElement(0, 7, 9, ctx, false);
    expect(ctx.counts.get(7)).toBe(1);
    t.clear(7, 9, ctx);
    expect(ctx.counts.size).toBe(0);
  });

  it('purging turns fires into fire-and-purge; never never fires', () => {
    const t = createTrigger({ type: 'purging', nested: { type: 'count', count: 2 } });
    const ctx = context();
    expect(t.onElement(0, 0, 9, ctx, true)).toBe(CONTINUE);
    expect(t.onElement(0, 0, 9, ctx, false)).toBe(FIRE | PURGE);
    const never = createTrigger({ type: 'never' });
    expect(never.onElement(0, 0, 9, ctx, true) | never.onEventTime(9, 0, 9, ctx) | never.onProcessingTime(9, 0, 9, ctx)).toBe(CONTINUE);
  });
});
