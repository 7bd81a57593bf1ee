import type { WindowAssigner, WindowAssignerConfig } from './window-assigner';
import { TumblingEventTimeWindows, TumblingProcessingTimeWindows } from './tumbling-windows';
import { SlidingEventTimeWindows, SlidingProcessingTimeWindows } from './sliding-windows';
import { EventTimeSessionWindows, ProcessingTimeSessionWindows } from './session-windows';
import { GlobalWindows } from './global-windows';

/** Rebuilds an assigner from the config in the job graph (the runtime side). */
export function windowAssignerFromConfig(c: WindowAssignerConfig): WindowAssigner {
  const event = c.time === 'event';
  switch (c.type) {
    case 'tumbling':
      return event ? TumblingEventTimeWindows.of(c.size, c.offset) : TumblingProcessingTimeWindows.of(c.size, c.offset);
    case 'sliding':
      return event ? SlidingEventTimeWindows.of(c.size, c.slide, c.offset) : SlidingProcessingTimeWindows.of(c.size, c.slide, c.offset);
    case 'session':
      return event ? EventTimeSessionWindows.withGap(c.gap) : ProcessingTimeSessionWindows.withGap(c.gap);
    case 'global':
      return GlobalWindows.create();
  }
}
