import { WindowAssigner, timeTrigger, type WindowTime } from './window-assigner';
import type { TriggerConfig } from './triggers';
import { checkSize } from './check-duration';

/**
 * Session windows: each element opens [t, t + gap); windows of a key that overlap or touch
 * merge (Flink's TimeWindow.intersects), so a session ends after `gap` ms without elements.
 */
abstract class SessionWindows extends WindowAssigner {
  protected constructor(time: WindowTime, gap: number) {
    checkSize(gap, 'gap');
    super({ type: 'session', time, size: 0, slide: 0, offset: 0, gap });
  }

  override get isMerging(): boolean {
    return true;
  }

  assignWindows(timestamp: number, out: number[]): number {
    out[0] = timestamp;
    return 1;
  }

  windowEnd(start: number): number {
    return start + this.config.gap;
  }

  defaultTrigger(): TriggerConfig {
    return timeTrigger(this.config.time);
  }
}

export class EventTimeSessionWindows extends SessionWindows {
  static withGap(gapMs: number): EventTimeSessionWindows {
    return new EventTimeSessionWindows('event', gapMs);
  }
}

export class ProcessingTimeSessionWindows extends SessionWindows {
  static withGap(gapMs: number): ProcessingTimeSessionWindows {
    return new ProcessingTimeSessionWindows('processing', gapMs);
  }
}
