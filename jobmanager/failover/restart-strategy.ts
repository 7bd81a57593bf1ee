import type { JobConfig } from '../../common/job-config';
import { FixedDelayRestartStrategy } from './fixed-delay-restart-strategy';
import { ExponentialDelayRestartStrategy } from './exponential-delay-restart-strategy';
import { FailureRateRestartStrategy } from './failure-rate-restart-strategy';

/** What the scheduler tells a restart strategy about a failure. */
export interface FailureContext {
  /** The failure cause as users see it (JobSummary.failureCause). */
  readonly cause: string;
  readonly timestamp: number;
  /** The execution attempt that failed (0 for the first). */
  readonly attempt: number;
}

export type RestartDecision = { readonly restart: false } | { readonly restart: true; readonly delayMs: number };

/**
 * Decides whether a failed job restarts, and after how long. One instance per job: a
 * strategy may count failures (failure-rate, exponential backoff).
 */
export interface RestartStrategy {
  readonly name: string;
  onFailure(failure: FailureContext): RestartDecision;
}

/** Flink's `none`: every failure is final. */
export class NoRestartStrategy implements RestartStrategy {
  readonly name = 'none';
  onFailure(): RestartDecision {
    return { restart: false };
  }
}

/** Creates the restart strategy of a job from its job-level configuration. */
export type RestartStrategyFactory = (jobConfig: Readonly<JobConfig>) => RestartStrategy;

/**
 * The job's `restartStrategy` when it sets one; otherwise Flink's defaults: `fixed-delay`
 * with unlimited attempts and a 1 s delay when checkpointing is on, `none` when it is off.
 * The config was validated when it was parsed (common/job-config.ts).
 */
export const defaultRestartStrategyFactory: RestartStrategyFactory = (jobConfig) => {
  const s = jobConfig.restartStrategy;
  if (!s) return jobConfig.checkpoint ? new FixedDelayRestartStrategy(Number.MAX_SAFE_INTEGER, 1000) : new NoRestartStrategy();
  switch (s.type) {
    case 'none':
      return new NoRestartStrategy();
    case 'fixed-delay':
      return new FixedDelayRestartStrategy(s.attempts, s.delayMs);
    case 'exponential-delay':
      return new ExponentialDelayRestartStrategy(s.initialDelayMs, s.maxDelayMs, s.multiplier ?? 2);
    case 'failure-rate':
      return new FailureRateRestartStrategy(s.maxFailures, s.intervalMs, s.delayMs);
  }
};
