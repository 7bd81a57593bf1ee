import type { Cancellable, ProcessingTimeService } from './timer-service-processing-time';

/**
 * Flushes a task's output buffers on the buffer timeout: no buffered record waits longer than
 * the timeout for it (DESIGN §2: a buffer goes when full or when the timeout expires), and a
 * task with nothing buffered is never woken for it.
 *
 * The timer is armed when a record enters outputs that were all empty, for that record's
 * deadline. Every record buffered after it has a later deadline, so one timer per flush cycle
 * serves them all (flushing them early is allowed). It replaced a free-running interval per
 * task that woke every task 1000/timeout times a second whether it had buffered anything or
 * had outputs at all (a sink chain at 1 ms: 1000 wakeups a second for nothing), each a chance
 * for a loaded machine to leave the thread waiting for a core.
 */
export class BufferTimeoutFlusher {
  private timer: Cancellable | undefined;
  private deadline = 0;
  private readonly onTimer = (): void => {
    this.timer = undefined;
    this.flush();
  };

  constructor(
    private readonly timeoutMs: number,
    private readonly clock: ProcessingTimeService,
    private readonly flush: () => void,
  ) {}

  get armed(): boolean {
    return this.timer !== undefined;
  }

  /** Output was buffered (into empty outputs, or into an operator that holds it): arm for its deadline unless armed. */
  arm(): void {
    if (this.timer !== undefined) return;
    this.deadline = this.clock.now() + this.timeoutMs;
    this.timer = this.clock.schedule(this.deadline, this.onTimer);
  }

  /**
   * End of a turn: on a busy or loaded event loop a timer can fire late, so a turn that ends
   * past the deadline flushes without waiting for it.
   */
  flushIfDue(): void {
    const timer = this.timer;
    if (timer === undefined || this.clock.now() < this.deadline) return;
    timer.cancel();
    this.timer = undefined;
    this.flush();
  }
}
