import { WindowAssigner, windowStart, timeTrigger, type WindowTime } from './window-assigner';
import type { TriggerConfig } from './triggers';
import { checkSize } from './check-duration';
import { InvalidArgumentError } from '../../common/errors';

/** Fixed-size, non-overlapping windows aligned to the epoch (plus an optional offset). */
abstract class TumblingWindows extends WindowAssigner {
  protected constructor(time: WindowTime, size: number, offset: number) {
    checkSize(size, 'size');
    if (!Number.isFinite(offset) || Math.abs(offset) >= size) throw new InvalidArgumentError(`Tumbling windows: |offset| must be smaller than size, got offset ${offset} for size ${size}`);
    super({ type: 'tumbling', time, size, slide: size, offset, gap: 0 });
  }

  assignWindows(timestamp: number, out: number[]): number {
    out[0] = windowStart(timestamp, this.config.offset, this.config.size);
    return 1;
  }

  windowEnd(start: number): number {
    return start + this.config.size;
  }

  defaultTrigger(): TriggerConfig {
    return timeTrigger(this.config.time);
  }
}

/** Tumbling windows of event time: `TumblingEventTimeWindows.of(60_000)`. */
export class TumblingEventTimeWindows extends TumblingWindows {
  static of(sizeMs: number, offsetMs = 0): TumblingEventTimeWindows {
    return new TumblingEventTimeWindows('event', sizeMs, offsetMs);
  }
}

/** Tumbling windows of processing time (the clock when the element arrives at the window). */
export class TumblingProcessingTimeWindows extends TumblingWindows {
  static of(sizeMs: number, offsetMs = 0): TumblingProcessingTimeWindows {
    return new TumblingProcessingTimeWindows('processing', sizeMs, offsetMs);
  }
}
