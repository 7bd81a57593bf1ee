/** A scheduled callback that can be cancelled. */
export interface Cancellable {
  cancel(): void;
}

/**
 * Processing time of a task (Flink's ProcessingTimeService): its clock and callbacks at given
 * times. Callbacks run on the task's thread between turns, never inside one; a callback that
 * throws fails the task instead of crashing the worker.
 */
export interface ProcessingTimeService {
  now(): number;
  /** Runs `callback(timestamp)` once processing time reaches `timestamp`. */
  schedule(timestamp: number, callback: (timestamp: number) => void): Cancellable;
  /** Runs `callback(now)` every `intervalMs` until cancelled. */
  scheduleAtFixedRate(intervalMs: number, callback: (now: number) => void): Cancellable;
}

/**
 * The wall-clock service a task gives its operators. `quiesce()` (task ending or cancelled)
 * cancels everything scheduled and ignores later requests, so no callback runs on an operator
 * that was closed.
 */
export class SystemProcessingTimeService implements ProcessingTimeService {
  private readonly active = new Set<NodeJS.Timeout>();
  private quiesced = false;

  constructor(private readonly onError: (err: unknown) => void) {}

  now(): number {
    return Date.now();
  }

  schedule(timestamp: number, callback: (timestamp: number) => void): Cancellable {
    if (this.quiesced) return NOOP;
    const handle: NodeJS.Timeout = setTimeout(
      () => {
        this.active.delete(handle);
        if (!this.quiesced) this.run(() => callback(timestamp));
      },
      Math.max(0, timestamp - Date.now()),
    );
    this.active.add(handle);
    return {
      cancel: () => {
        clearTimeout(handle);
        this.active.delete(handle);
      },
    };
  }

  scheduleAtFixedRate(intervalMs: number, callback: (now: number) => void): Cancellable {
    if (this.quiesced) return NOOP;
    const handle: NodeJS.Timeout = setInterval(() => {
      if (!this.quiesced) this.run(() => callback(Date.now()));
    }, Math.max(1, intervalMs));
    this.active.add(handle);
    return {
      cancel: () => {
        clearInterval(handle);
        this.active.delete(handle);
      },
    };
  }

  /** Cancels every callback and refuses new ones. */
  quiesce(): void {
    this.quiesced = true;
    for (const h of this.active) clearTimeout(h);
    this.active.clear();
  }

  private run(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.quiesce();
      this.onError(err);
    }
  }
}

const NOOP: Cancellable = { cancel() {} };
