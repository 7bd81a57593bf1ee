import { InvalidArgumentError } from '../../common/errors';

/** The plain-data form of a trigger (it travels in the job graph). */
export type TriggerConfig =
  | { type: 'event-time' }
  | { type: 'processing-time' }
  | { type: 'count'; count: number }
  | { type: 'purging'; nested: TriggerConfig }
  | { type: 'never' };

/** Decides when a window fires (Flink's Trigger); the window operator runs it. */
export class Trigger {
  protected constructor(readonly config: TriggerConfig) {}
}

/** Fires once the watermark passes the window's end (default of event-time windows). */
export class EventTimeTrigger extends Trigger {
  static create(): EventTimeTrigger {
    return new EventTimeTrigger({ type: 'event-time' });
  }
}

/** Fires once the clock passes the window's end (default of processing-time windows). */
export class ProcessingTimeTrigger extends Trigger {
  static create(): ProcessingTimeTrigger {
    return new ProcessingTimeTrigger({ type: 'processing-time' });
  }
}

/** Fires every `count` elements of a window. */
export class CountTrigger extends Trigger {
  static of(count: number): CountTrigger {
    if (!Number.isSafeInteger(count) || count < 1) throw new InvalidArgumentError(`CountTrigger.of(count): expected a positive integer, got ${count}`);
    return new CountTrigger({ type: 'count', count });
  }
}

/** Clears the window's contents whenever the nested trigger fires. */
export class PurgingTrigger extends Trigger {
  static of(nested: Trigger): PurgingTrigger {
    if (!(nested instanceof Trigger)) throw new InvalidArgumentError('PurgingTrigger.of(trigger): expected a Trigger');
    return new PurgingTrigger({ type: 'purging', nested: nested.config });
  }
}

/** Never fires (default of GlobalWindows: give it a trigger). */
export class NeverTrigger extends Trigger {
  static create(): NeverTrigger {
    return new NeverTrigger({ type: 'never' });
  }
}

/** Evicts elements before the window function runs (Flink's Evictor); plain data. */
export interface EvictorConfig {
  type: 'count';
  maxCount: number;
}

/** Keeps only the last `maxCount` elements of a window (countWindow(size, slide)). */
export class CountEvictor {
  private constructor(readonly config: EvictorConfig) {}
  static of(maxCount: number): CountEvictor {
    if (!Number.isSafeInteger(maxCount) || maxCount < 1) throw new InvalidArgumentError(`CountEvictor.of(n): expected a positive integer, got ${maxCount}`);
    return new CountEvictor({ type: 'count', maxCount });
  }
}
