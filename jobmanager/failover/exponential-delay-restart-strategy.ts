import type { FailureContext, RestartDecision, RestartStrategy } from './restart-strategy';

/**
 * Flink's `exponential-delay`: the delay grows by `multiplier` per failure up to `maxDelayMs`,
 * and falls back to the initial delay after a quiet period of `resetBackoffThresholdMs`.
 */
export class ExponentialDelayRestartStrategy implements RestartStrategy {
  readonly name = 'exponential-delay';
  private current: number;
  private lastFailureAt = -Infinity;

  constructor(
    private readonly initialDelayMs: number,
    private readonly maxDelayMs: number,
    private readonly multiplier = 2,
    private readonly resetBackoffThresholdMs = 3_600_000,
  ) {
    this.current = initialDelayMs;
  }

  onFailure(failure: FailureContext): RestartDecision {
    if (failure.timestamp - this.lastFailureAt >= this.resetBackoffThresholdMs) this.current = this.initialDelayMs;
    this.lastFailureAt = failure.timestamp;
    const delayMs = this.current;
    this.current = Math.min(this.maxDelayMs, Math.round(this.current * this.multiplier));
    return { restart: true, delayMs };
  }
}
