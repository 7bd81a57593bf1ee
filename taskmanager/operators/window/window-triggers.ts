import type { TriggerConfig } from '../../../api/windowing/triggers';
import type { NamespacedStateTable } from '../../state/namespaced-state-table';

/** Trigger results as bit flags (Flink's TriggerResult). */
export const CONTINUE = 0;
export const FIRE = 1;
export const PURGE = 2;

/** What a trigger may touch: the window's timers and its per-window trigger state. */
export interface TriggerContext {
  readonly currentWatermark: number;
  currentProcessingTime(): number;
  registerEventTimeTimer(namespace: number, time: number): void;
  deleteEventTimeTimer(namespace: number, time: number): void;
  registerProcessingTimeTimer(namespace: number, time: number): void;
  deleteProcessingTimeTimer(namespace: number, time: number): void;
  /** Per (key, window) element counts of count triggers (keyed state). */
  readonly counts: NamespacedStateTable<number>;
}

/**
 * A trigger at run time. A window is passed as its start (its namespace) and its max
 * timestamp (end - 1). All trigger state lives in keyed state (timers, counts).
 */
export interface RuntimeTrigger {
  /**
   * `fresh`: this element created the window's contents. Time triggers register their timer
   * only then: a window's timer lives as long as its contents (both go with clear()), so
   * registering it again per element would only be a wasted lookup.
   */
  onElement(timestamp: number, start: number, maxTimestamp: number, ctx: TriggerContext, fresh: boolean): number;
  onEventTime(time: number, start: number, maxTimestamp: number, ctx: TriggerContext): number;
  onProcessingTime(time: number, start: number, maxTimestamp: number, ctx: TriggerContext): number;
  /** Windows merged into this one (sessions): re-arm for the merged window. */
  onMerge(start: number, maxTimestamp: number, ctx: TriggerContext): void;
  /** The window is gone: delete its timers and state. */
  clear(start: number, maxTimestamp: number, ctx: TriggerContext): void;
}

/** Fires when the watermark passes the window's end; late elements fire at once (Flink's EventTimeTrigger). */
const EVENT_TIME: RuntimeTrigger = {
  onElement(_ts, start, maxTs, ctx, fresh) {
    if (maxTs <= ctx.currentWatermark) return FIRE;
    if (fresh) ctx.registerEventTimeTimer(start, maxTs);
    return CONTINUE;
  },
  onEventTime: (time, _start, maxTs) => (time === maxTs ? FIRE : CONTINUE),
  onProcessingTime: () => CONTINUE,
  onMerge(start, maxTs, ctx) {
    if (maxTs > ctx.currentWatermark) ctx.registerEventTimeTimer(start, maxTs);
  },
  clear(start, maxTs, ctx) {
    ctx.deleteEventTimeTimer(start, maxTs);
  },
};

/** Fires when the clock passes the window's end (Flink's ProcessingTimeTrigger). */
const PROCESSING_TIME: RuntimeTrigger = {
  onElement(_ts, start, maxTs, ctx, fresh) {
    if (fresh) ctx.registerProcessingTimeTimer(start, maxTs);
    return CONTINUE;
  },
  onEventTime: () => CONTINUE,
  onProcessingTime: (time, _start, maxTs) => (time === maxTs ? FIRE : CONTINUE),
  onMerge(start, maxTs, ctx) {
    if (maxTs > ctx.currentProcessingTime()) ctx.registerProcessingTimeTimer(start, maxTs);
  },
  clear(start, maxTs, ctx) {
    ctx.deleteProcessingTimeTimer(start, maxTs);
  },
};

const NEVER: RuntimeTrigger = {
  onElement: () => CONTINUE,
  onEventTime: () => CONTINUE,
  onProcessingTime: () => CONTINUE,
  onMerge() {},
  clear() {},
};

/** Fires every `count` elements of a window (Flink's CountTrigger). */
function countTrigger(count: number): RuntimeTrigger {
  return {
    onElement(_ts, start, _maxTs, ctx) {
      const n = (ctx.counts.get(start) ?? 0) + 1;
      if (n >= count) {
        ctx.counts.remove(start);
        return FIRE;
      }
      ctx.counts.put(start, n);
      return CONTINUE;
    },
    onEventTime: () => CONTINUE,
    onProcessingTime: () => CONTINUE,
    onMerge() {},
    clear(start, _maxTs, ctx) {
      ctx.counts.remove(start);
    },
  };
}

/** Turns every FIRE of the nested trigger into FIRE_AND_PURGE (Flink's PurgingTrigger). */
function purging(nested: RuntimeTrigger): RuntimeTrigger {
  const purge = (r: number): number => (r & FIRE ? FIRE | PURGE : r);
  return {
    onElement: (ts, start, maxTs, ctx, fresh) => purge(nested.onElement(ts, start, maxTs, ctx, fresh)),
    onEventTime: (time, start, maxTs, ctx) => purge(nested.onEventTime(time, start, maxTs, ctx)),
    onProcessingTime: (time, start, maxTs, ctx) => purge(nested.onProcessingTime(time, start, maxTs, ctx)),
    onMerge: (start, maxTs, ctx) => nested.onMerge(start, maxTs, ctx),
    clear: (start, maxTs, ctx) => nested.clear(start, maxTs, ctx),
  };
}

export function createTrigger(config: TriggerConfig): RuntimeTrigger {
  switch (config.type) {
    case 'event-time':
      return EVENT_TIME;
    case 'processing-time':
      return PROCESSING_TIME;
    case 'never':
      return NEVER;
    case 'count':
      return countTrigger(config.count);
    case 'purging':
      return purging(createTrigger(config.nested));
  }
}
