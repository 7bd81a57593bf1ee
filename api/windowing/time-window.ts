import { MAX_WATERMARK } from '../../common/event-time';

/**
 * A window of event or processing time, [start, end) in ms. Window functions see it as
 * `ctx.window`; its results carry the timestamp `maxTimestamp()` = end - 1.
 */
export class TimeWindow {
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  maxTimestamp(): number {
    return this.end >= MAX_WATERMARK ? MAX_WATERMARK : this.end - 1;
  }
}

/** The single window of GlobalWindows: from the beginning to the end of time. */
export const GLOBAL_WINDOW_START = -MAX_WATERMARK;
