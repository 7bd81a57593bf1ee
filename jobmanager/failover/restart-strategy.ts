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
export type RestartStrategyFactory = (jobConfig: Readonly<Record<string, unknown>>) => RestartStrategy;

/** Until restart strategies are configurable, every job gets `none`. */
export const defaultRestartStrategyFactory: RestartStrategyFactory = () => new NoRestartStrategy();
