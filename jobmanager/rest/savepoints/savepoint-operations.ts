import { randomBytes } from 'node:crypto';
import { errorMessage } from '../../../common/errors';

/** A savepoint (or stop-with-savepoint) as REST reports it, in Flink's asynchronous-operation shape. */
export type SavepointOperation =
  | { readonly status: 'IN_PROGRESS' }
  | { readonly status: 'COMPLETED'; readonly location: string }
  | { readonly status: 'FAILED'; readonly failureClass: string; readonly failureMessage: string };

interface Tracked {
  readonly jobId: string;
  readonly createdAt: number;
  op: SavepointOperation;
}

/** How many finished operations are remembered; the oldest finished ones are forgotten first. */
const MAX_FINISHED = 1_000;

/**
 * Tracks savepoint requests by trigger id, as Flink's REST API does: POST answers at once with
 * a `request-id`, and the client polls until the operation completed with a location or a
 * failure cause. A bounded number of finished operations is kept so a JobManager that serves
 * a dashboard for weeks does not grow without limit.
 */
export class SavepointOperations {
  private readonly ops = new Map<string, Tracked>();

  /** Starts tracking `savepoint` for the job; returns its request id. */
  track(jobId: string, savepoint: Promise<string>): string {
    const requestId = randomBytes(16).toString('hex');
    const tracked: Tracked = { jobId, createdAt: Date.now(), op: { status: 'IN_PROGRESS' } };
    this.ops.set(requestId, tracked);
    savepoint.then(
      (location) => {
        tracked.op = { status: 'COMPLETED', location };
        this.evict();
      },
      (err: unknown) => {
        tracked.op = { status: 'FAILED', failureClass: err instanceof Error ? err.name : 'Error', failureMessage: errorMessage(err) };
        this.evict();
      },
    );
    return requestId;
  }

  /** The operation, or undefined if the id is unknown or belongs to another job. */
  get(jobId: string, requestId: string): SavepointOperation | undefined {
    const t = this.ops.get(requestId.toLowerCase());
    return t && t.jobId === jobId ? t.op : undefined;
  }

  private evict(): void {
    let finished = 0;
    for (const t of this.ops.values()) if (t.op.status !== 'IN_PROGRESS') finished++;
    // Map iteration is insertion order: the oldest requests come first.
    for (const [id, t] of this.ops) {
      if (finished <= MAX_FINISHED) break;
      if (t.op.status === 'IN_PROGRESS') continue;
      this.ops.delete(id);
      finished--;
    }
  }
}
