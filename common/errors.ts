/**
 * Typed errors. Every error Sluice raises on purpose is a SluiceError with a stable code, the
 * domain that is at fault (the user, an external system, or Sluice itself) and whether a retry
 * may help. Codes map to gRPC and HTTP statuses in one table: common/error-statuses.ts.
 */
export type ErrorDomain = 'user' | 'external' | 'internal';

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_JOB_FILE'
  | 'INVALID_GRAPH'
  | 'JOB_NOT_FOUND'
  | 'VERTEX_NOT_FOUND'
  | 'NO_RESOURCES'
  | 'UNREACHABLE'
  | 'ILLEGAL_STATE'
  | 'GRAPH_MISMATCH'
  | 'TASK_FAILURE'
  | 'STORAGE_FAILURE'
  | 'CHECKPOINT_FAILURE'
  | 'SAVEPOINT_INVALID'
  | 'NOT_LEADER'
  /** A request body, upload or message is over its documented limit. */
  | 'TOO_LARGE'
  /** The JobManager is at a concurrency limit (e.g. job builds): try again shortly. */
  | 'OVERLOADED'
  /** An operation did not finish within its bound (storage, a job function). */
  | 'TIMEOUT'
  | 'CONNECTOR_FAILURE'
  | 'INTERNAL';

export class SluiceError extends Error {
  readonly code: ErrorCode;
  readonly domain: ErrorDomain;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, opts: { domain?: ErrorDomain; retryable?: boolean; cause?: unknown } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = code;
    this.domain = opts.domain ?? 'internal';
    this.retryable = opts.retryable ?? false;
  }
}

/** The user asked for something malformed: a bad flag, a bad job file, a bad REST body. */
export class InvalidArgumentError extends SluiceError {
  constructor(message: string, code: ErrorCode = 'INVALID_ARGUMENT') {
    super(code, message, { domain: 'user' });
  }
}

/** The job's dataflow graph cannot run (a cycle, a bad parallelism, a missing sink...). */
export class InvalidGraphError extends SluiceError {
  constructor(message: string) {
    super('INVALID_GRAPH', message, { domain: 'user' });
  }
}

export class JobNotFoundError extends SluiceError {
  constructor(jobId: string) {
    super('JOB_NOT_FOUND', `Job ${jobId} not found. Use 'stream-submit list' to see the jobs this cluster knows.`, { domain: 'user' });
  }
}

export class NoResourcesError extends SluiceError {
  constructor(message: string) {
    super('NO_RESOURCES', message, { domain: 'external', retryable: true });
  }
}

export class UnreachableError extends SluiceError {
  constructor(message: string, cause?: unknown) {
    super('UNREACHABLE', message, { domain: 'external', retryable: true, cause });
  }
}

/** A lifecycle was asked for a transition its state machine does not allow. */
export class IllegalStateTransitionError extends SluiceError {
  constructor(machine: string, from: string, to: string) {
    super('ILLEGAL_STATE', `${machine}: illegal transition ${from} -> ${to}`, { domain: 'internal' });
  }
}

/** A standby JobManager was asked what only the leader does: ask the next address. */
export class NotLeaderError extends SluiceError {
  constructor(message: string) {
    super('NOT_LEADER', message, { domain: 'external', retryable: true });
  }
}

/** Something is over a documented size limit (an upload, a frame): HTTP 413. */
export class TooLargeError extends SluiceError {
  constructor(message: string) {
    super('TOO_LARGE', message, { domain: 'user' });
  }
}

/** A bounded resource of the JobManager is busy (HTTP 429): the same request may succeed later. */
export class OverloadedError extends SluiceError {
  constructor(message: string) {
    super('OVERLOADED', message, { domain: 'external', retryable: true });
  }
}

/** An operation ran past its time bound. */
export class TimeoutError extends SluiceError {
  constructor(message: string, domain: ErrorDomain = 'external') {
    super('TIMEOUT', message, { domain, retryable: domain !== 'user' });
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
