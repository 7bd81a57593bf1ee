import { type ErrorCode, type ErrorDomain, SluiceError } from './errors';
import { isErrorCode } from './error-statuses';
import type { TaskError } from '../proto/messages';

/** How describeError knows user code when it sees it. */
export interface ErrorContext {
  /** The name the job bundle runs under (its stack frames carry it). */
  readonly userFile?: string;
  /** Maps the bundle's frames to the user's own files and lines. */
  readonly mapStack?: (stack: string) => string;
}

/**
 * An error as structured data that survives a process boundary (TaskExecutionState.error_info):
 * its class name, message, stack (user frames source-mapped), code, domain and whether a retry
 * may help. A SluiceError keeps its own code and domain. Anything else thrown from a frame of
 * the job file is the user's (TASK_FAILURE, domain user: a retry replays the same records and
 * is expected to fail the same way); anything else is ours (INTERNAL).
 */
export function describeError(err: unknown, context: ErrorContext = {}): TaskError {
  if (!(err instanceof Error)) {
    return { className: typeof err, message: String(err), stack: '', code: 'TASK_FAILURE', domain: 'user', retryable: false };
  }
  const rawStack = err.stack ?? `${err.name}: ${err.message}`;
  const stack = context.mapStack ? context.mapStack(rawStack) : rawStack;
  const className = err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : err.name;
  if (err instanceof SluiceError) return { className, message: err.message, stack, code: err.code, domain: err.domain, retryable: err.retryable };
  const fromUserCode = context.userFile !== undefined && rawStack.split('\n').some((line) => line.includes(`${context.userFile}:`));
  return fromUserCode
    ? { className, message: err.message, stack, code: 'TASK_FAILURE', domain: 'user', retryable: false }
    : { className, message: err.message, stack, code: 'INTERNAL', domain: 'internal', retryable: true };
}

/** The code of a TaskError from the wire, or INTERNAL for anything unknown. */
export function errorCodeOf(info: TaskError): ErrorCode {
  return isErrorCode(info.code) ? info.code : 'INTERNAL';
}

export function errorDomainOf(info: TaskError): ErrorDomain {
  return info.domain === 'user' || info.domain === 'external' ? info.domain : 'internal';
}

/** `file:line:column` of the first frame in the user's code, for one-line summaries. */
export function firstUserFrame(stack: string, userFileHint?: string): string | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?([^\s()]+:\d+:\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    const where = m[1];
    if (where.startsWith('node:') || where.includes('/node_modules/') || where.includes('/dist/')) continue;
    if (userFileHint === undefined || where.includes(userFileHint)) return where;
  }
  return undefined;
}
