import { WindowAssigner, windowStart, timeTrigger, type WindowTime } from './window-assigner';
import type { TriggerConfig } from './triggers';
import { checkSize } from './check-duration';
import { InvalidArgumentError } from '../../common/errors';

/** Windows of `size` starting every `slide`: an element belongs to ceil(size/slide) of them. */
abstract class SlidingWindows extends WindowAssigner {
  protected constructor(time: WindowTime, size: number, slide: number, offset: number) {
    checkSize(size, 'size');
    checkSize(slide, 'slide');
    if (!Number.isFinite(offset) || Math.abs(offset) >= slide) throw new InvalidArgumentError(`Sliding windows: |offset| must be smaller than slide, got offset ${offset} for slide ${slide}`);
    super({ type: 'sliding', time, size, slide, offset, gap: 0 });
  }

  assignWindows(timestamp: number, out: number[]): number {
    const { size, slide, offset } = this.config;
    let n = 0;
    for (let start = windowStart(timestamp, offset, slide); start > timestamp - size; start -= slide) out[n++] = start;
    return n;
  }

  windowEnd(start: number): number {
    return start + this.config.size;
  }

  defaultTrigger(): TriggerConfig {
    return timeTrigger(this.config.time);
  }
}

/** Sliding windows of event time: `SlidingEventTimeWindows.of(10_000, 5_000)`. */
export class SlidingEventTimeWindows extends SlidingWindows {
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingEventTimeWindows {
    return new SlidingEventTimeWindows('event', sizeMs, slideMs, offsetMs);
  }
}

export class SlidingProcessingTimeWindows extends SlidingWindows {
  static of(sizeMs: number, slideMs: number, offsetMs = 0): SlidingProcessingTimeWindows {
    return new SlidingProcessingTimeWindows('processing', sizeMs, slideMs, offsetMs);
  }
}
