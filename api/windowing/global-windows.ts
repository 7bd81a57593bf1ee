import { WindowAssigner } from './window-assigner';
import type { TriggerConfig } from './triggers';
import { GLOBAL_WINDOW_START } from './time-window';
import { MAX_WATERMARK } from '../../common/event-time';

/**
 * One window per key for all time; it fires only by its trigger (countWindow uses a count
 * trigger). Not event time: elements are never late and the end of input does not fire it.
 */
export class GlobalWindows extends WindowAssigner {
  private constructor() {
    super({ type: 'global', time: 'none', size: 0, slide: 0, offset: 0, gap: 0 });
  }

  static create(): GlobalWindows {
    return new GlobalWindows();
  }

  assignWindows(_timestamp: number, out: number[]): number {
    out[0] = GLOBAL_WINDOW_START;
    return 1;
  }

  windowEnd(_start: number): number {
    return MAX_WATERMARK;
  }

  defaultTrigger(): TriggerConfig {
    return { type: 'never' };
  }
}
