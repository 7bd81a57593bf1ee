import type { ErrorDomain } from '../../common/errors';
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
  /** Whose fault (docs/errors.md): a task's error thrown by user code is `user`. @default 'internal' */
  readonly domain?: ErrorDomain;
  /** Identifies the same error across restarts (class and message). @default the cause */
  readonly signature?: string;
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
 * with unlimited attempts and a 1 s delay when checkpointing is on, `none` when it is off —
 * except that the default gives up on a user error that repeats (RepeatedUserErrorLimit): a
 * map that throws on a record throws on it again after every restore, and restarting it
 * forever only hides the bug. A strategy the job sets is followed as it is. The config was
 * validated when it was parsed (common/job-config.ts).
 */
export const defaultRestartStrategyFactory: RestartStrategyFactory = (jobConfig) => {
  const s = jobConfig.restartStrategy;
  if (!s) return jobConfig.checkpoint ? new RepeatedUserErrorLimit(new FixedDelayRestartStrategy(Number.MAX_SAFE_INTEGER, 1000)) : new NoRestartStrategy();
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

/** Consecutive failures with the same user error after which the default strategy gives up. */
export const MAX_REPEATED_USER_ERRORS = 3;

/**
 * Wraps a strategy: the job fails (no restart) once the same user error (same class and
 * message, domain user) has failed it `limit` times in a row. Any other failure in between
 * starts the count again.
 */
export class RepeatedUserErrorLimit implements RestartStrategy {
  private last: string | undefined;
  private repeats = 0;

  constructor(
    private readonly inner: RestartStrategy,
    private readonly limit = MAX_REPEATED_USER_ERRORS,
  ) {}

  /** The wrapped strategy's name: the limit is part of the default, not another strategy. */
  get name(): string {
    return this.inner.name;
  }

  onFailure(failure: FailureContext): RestartDecision {
    const signature = failure.domain === 'user' ? (failure.signature ?? failure.cause) : undefined;
    this.repeats = signature !== undefined && signature === this.last ? this.repeats + 1 : signature !== undefined ? 1 : 0;
    this.last = signature;
    if (this.repeats >= this.limit) return { restart: false };
    return this.inner.onFailure(failure);
  }
}

