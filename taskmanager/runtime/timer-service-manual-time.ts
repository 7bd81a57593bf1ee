import type { Cancellable, ProcessingTimeService } from './timer-service-processing-time';

interface Scheduled {
  at: number;
  seq: number;
  interval: number;
  callback: (t: number) => void;
  cancelled: boolean;
}

/**
 * A processing-time service driven by hand, for tests: time stands still until advanceTo()
 * moves it, which runs every callback due, in time order, synchronously.
 */
export class ManualProcessingTimeService implements ProcessingTimeService {
  private time: number;
  private seq = 0;
  private scheduled: Scheduled[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  schedule(timestamp: number, callback: (timestamp: number) => void): Cancellable {
    return this.add({ at: timestamp, seq: this.seq++, interval: 0, callback, cancelled: false });
  }

  scheduleAtFixedRate(intervalMs: number, callback: (now: number) => void): Cancellable {
    return this.add({ at: this.time + intervalMs, seq: this.seq++, interval: intervalMs, callback, cancelled: false });
  }

  advanceTo(time: number): void {
    for (;;) {
      this.scheduled = this.scheduled.filter((s) => !s.cancelled);
      this.scheduled.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.scheduled[0];
      if (!next || next.at > time) break;
      this.time = Math.max(this.time, next.at);
      if (next.interval > 0) next.at += next.interval;
      else next.cancelled = true;
      next.callback(next.interval > 0 ? this.time : next.at);
    }
    this.time = Math.max(this.time, time);
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms);
  }

  /** Callbacks still scheduled (tests of cancellation). */
  get pending(): number {
    return this.scheduled.filter((s) => !s.cancelled).length;
  }

  private add(s: Scheduled): Cancellable {
    this.scheduled.push(s);
    return { cancel: () => (s.cancelled = true) };
  }
}
