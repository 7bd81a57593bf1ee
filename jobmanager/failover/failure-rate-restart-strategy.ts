import type { FailureContext, RestartDecision, RestartStrategy } from './restart-strategy';

/** Flink's `failure-rate`: restarts unless more than `maxFailures` happened within `intervalMs`. */
export class FailureRateRestartStrategy implements RestartStrategy {
  readonly name = 'failure-rate';
  private readonly failures: number[] = [];

  constructor(
    private readonly maxFailures: number,
    private readonly intervalMs: number,
    private readonly delayMs: number,
  ) {}

  onFailure(failure: FailureContext): RestartDecision {
    this.failures.push(failure.timestamp);
    while (this.failures.length > 0 && this.failures[0] <= failure.timestamp - this.intervalMs) this.failures.shift();
    if (this.failures.length > this.maxFailures) return { restart: false };
    return { restart: true, delayMs: this.delayMs };
  }
}
