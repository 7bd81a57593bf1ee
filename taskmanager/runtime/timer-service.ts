import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { Cancellable, ProcessingTimeService } from './timer-service-processing-time';
import { TimerQueue } from './timer-service-queue';
import { NO_WATERMARK } from '../../common/event-time';

/** Called when a timer fires, with the backend's current key set to the timer's key. */
export interface TimerTarget {
  onEventTime(timestamp: number, namespace: number): void;
  onProcessingTime(timestamp: number, namespace: number): void;
}

/**
 * Keyed timers of one operator (Flink's InternalTimerService), in event time and processing
 * time, each timer a (key, namespace, timestamp) — namespace is the window for window
 * operators, 0 for process functions. Timers live in the keyed state backend (tables
 * '$timer/event' and '$timer/processing'), so they are checkpointed, restored and rescaled
 * with the rest of the keyed state. Event-time timers fire when the watermark passes them,
 * processing-time timers when the clock does; both in timestamp order.
 */
export class InternalTimerService {
  /** The operator's current event time (the last watermark it received). */
  currentWatermark = NO_WATERMARK;
  private readonly event: TimerQueue;
  private readonly processing: TimerQueue;
  private wakeup: Cancellable | undefined;
  private wakeupAt = Number.POSITIVE_INFINITY;
  private firing = false;
  private readonly onWakeup = (time: number): void => {
    this.wakeup = undefined;
    this.wakeupAt = Number.POSITIVE_INFINITY;
    this.fireProcessingTimers(time);
  };
  private readonly fireEvent = (ts: number, ns: number): void => this.target.onEventTime(ts, ns);
  private readonly fireProcessing = (ts: number, ns: number): void => this.target.onProcessingTime(ts, ns);

  constructor(
    private readonly backend: KeyedStateBackend,
    private readonly clock: ProcessingTimeService,
    private readonly target: TimerTarget,
  ) {
    this.event = new TimerQueue(backend, '$timer/event');
    this.processing = new TimerQueue(backend, '$timer/processing');
    // Restored processing-time timers that are already due fire at the next opportunity.
    this.scheduleWakeup();
  }

  currentProcessingTime(): number {
    return this.clock.now();
  }

  registerEventTimeTimer(namespace: number, timestamp: number): void {
    this.event.register(timestamp, namespace);
  }

  deleteEventTimeTimer(namespace: number, timestamp: number): void {
    this.event.delete(timestamp, namespace);
  }

  registerProcessingTimeTimer(namespace: number, timestamp: number): void {
    this.processing.register(timestamp, namespace);
    if (timestamp < this.wakeupAt) this.scheduleWakeup();
  }

  deleteProcessingTimeTimer(namespace: number, timestamp: number): void {
    this.processing.delete(timestamp, namespace);
  }

  get numEventTimeTimers(): number {
    return this.event.size;
  }

  get numProcessingTimeTimers(): number {
    return this.processing.size;
  }

  /** Event time advanced: fires every event-time timer at or before the watermark. */
  advanceWatermark(watermark: number): void {
    this.currentWatermark = watermark;
    this.event.fireUntil(watermark, this.fireEvent);
  }

  /** End of input: fires every remaining processing-time timer, in timestamp order. */
  fireAllProcessingTimers(): void {
    this.cancelWakeup();
    this.processing.fireUntil(Number.POSITIVE_INFINITY, this.fireProcessing);
  }

  close(): void {
    this.cancelWakeup();
  }

  private fireProcessingTimers(now: number): void {
    if (this.firing) return;
    this.firing = true;
    try {
      this.processing.fireUntil(now, this.fireProcessing);
    } finally {
      this.firing = false;
    }
    this.scheduleWakeup();
  }

  private scheduleWakeup(): void {
    const next = this.processing.peekTimestamp();
    if (next === undefined || next >= this.wakeupAt) return;
    this.cancelWakeup();
    this.wakeupAt = next;
    this.wakeup = this.clock.schedule(next, this.onWakeup);
  }

  private cancelWakeup(): void {
    this.wakeup?.cancel();
    this.wakeup = undefined;
    this.wakeupAt = Number.POSITIVE_INFINITY;
  }
}
