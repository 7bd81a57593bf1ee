/** One failure of a job, in the shape of Flink's exception history entries. */
export interface ExceptionEntry {
  /** A name for the kind of failure (`TaskFailure`, `TaskManagerLostError`, `NoResourcesError`...). */
  readonly exceptionName: string;
  /** The error in one line. */
  readonly message: string;
  /** The full error text with its stack (Flink's `stacktrace`); the message when there is none. */
  readonly stacktrace?: string;
  readonly timestamp: number;
  /** `Map (2/4)` when one task failed. */
  readonly taskName?: string;
  /** The TaskManager's address. */
  readonly location?: string;
  readonly taskManagerId?: string;
}

/**
 * The failures of one job, oldest first, bounded so a job that keeps failing cannot grow
 * the JobManager's memory without limit.
 */
export class ExceptionHistory {
  private readonly items: ExceptionEntry[] = [];
  private dropped = 0;

  constructor(private readonly capacity = 32) {}

  add(entry: ExceptionEntry): void {
    this.items.push(entry);
    if (this.items.length > this.capacity) {
      this.items.shift();
      this.dropped++;
    }
  }

  /** Newest first, as Flink's REST API lists them. */
  newestFirst(): ExceptionEntry[] {
    return [...this.items].reverse();
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  get latest(): ExceptionEntry | undefined {
    return this.items[this.items.length - 1];
  }
}

/** `TypeError: x is not a function` → `TypeError`; anything else → the fallback. */
export function exceptionNameOf(message: string, fallback: string): string {
  const m = /^([A-Z][A-Za-z0-9_]*(?:Error|Exception)):/.exec(message);
  return m ? m[1] : fallback;
}
