import { OverloadedError } from '../../../common/errors';

/**
 * Bounds the job builds (POST /jars/:jarid/run) of the JobManager: each runs user code in a
 * worker with its own heap, so `concurrent` of them cost at most `concurrent` × the worker's
 * heap limit. Up to `queued` more wait their turn in order; beyond that the request is
 * refused with 429 at once, instead of growing the JobManager's memory with every request.
 */
export class JobBuildLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
  ) {}

  async run<T>(build: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrent) {
      if (this.waiting.length >= this.queued)
        throw new OverloadedError(`${this.running} job builds are running and ${this.waiting.length} are waiting, the most this JobManager takes; try again shortly`);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await build();
    } finally {
      const next = this.waiting.shift();
      // The finished build hands its turn to the next one directly: `running` stays the same.
      if (next) next();
      else this.running--;
    }
  }

  /** Builds running and waiting, for tests and metrics. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}
