import type { FailureContext, RestartDecision, RestartStrategy } from './restart-strategy';

/** Flink's `fixed-delay`: up to `attempts` restarts, each after the same delay. */
export class FixedDelayRestartStrategy implements RestartStrategy {
  readonly name = 'fixed-delay';
  private restarts = 0;

  constructor(
    private readonly attempts: number,
    private readonly delayMs: number,
  ) {}

  onFailure(_failure: FailureContext): RestartDecision {
    if (this.restarts >= this.attempts) return { restart: false };
    this.restarts++;
    return { restart: true, delayMs: this.delayMs };
  }
}
