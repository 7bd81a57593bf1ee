import type { TriggerConfig } from './triggers';

export type WindowTime = 'event' | 'processing' | 'none';

/** The plain-data form of an assigner (it travels in the job graph). */
export interface WindowAssignerConfig {
  type: 'tumbling' | 'sliding' | 'session' | 'global';
  time: WindowTime;
  size: number;
  slide: number;
  offset: number;
  gap: number;
}

/**
 * Assigns an element to windows by its timestamp (Flink's WindowAssigner). Windows are
 * [start, end) and identified by their start within one key, which is what the runtime uses
 * as the window's namespace in keyed state. `assignWindows` writes into a reusable array so
 * that assigning allocates nothing per element.
 */
export abstract class WindowAssigner {
  protected constructor(readonly config: WindowAssignerConfig) {}

  get isEventTime(): boolean {
    return this.config.time === 'event';
  }

  /** Session windows merge; their ends are kept in keyed state. */
  get isMerging(): boolean {
    return false;
  }

  /** Writes the starts of the windows that contain `timestamp` into `out`; returns how many. */
  abstract assignWindows(timestamp: number, out: number[]): number;

  /** The end (exclusive) of the window that starts at `start` (a new window, for sessions). */
  abstract windowEnd(start: number): number;

  abstract defaultTrigger(): TriggerConfig;
}

/** Flink's TimeWindow.getWindowStartWithOffset, also right for negative timestamps. */
export function windowStart(timestamp: number, offset: number, size: number): number {
  const remainder = (timestamp - offset) % size;
  return remainder < 0 ? timestamp - (remainder + size) : timestamp - remainder;
}

export function timeTrigger(time: WindowTime): TriggerConfig {
  return time === 'event' ? { type: 'event-time' } : { type: 'processing-time' };
}
