import type { ErrorDomain } from '../../common/errors';
import { errorDomainOf, firstUserFrame } from '../../common/error-info';
import type { TaskError } from '../../proto/messages';
import { exceptionNameOf } from './exception-history';

/** A failure as the scheduler records it and the restart strategy weighs it. */
export interface FailureDescription {
  /** One line, for the job's failure cause and the CLI. */
  readonly cause: string;
  /** Flink's exceptionName: the error's class (`RangeError`), or a kind of failure. */
  readonly exceptionName: string;
  /** Flink's stacktrace: the full error text with its stack, user frames source-mapped. */
  readonly stacktrace: string;
  readonly domain: ErrorDomain;
  /** Identifies "the same error" across restarts: class and message. */
  readonly signature: string;
}

/**
 * What a task's FAILED report says, from its structured TaskError when it has one (Sluice
 * TaskManagers send it), else from the one-line text.
 */
export function describeTaskFailure(taskName: string, error: string, info: TaskError | null | undefined): FailureDescription {
  if (!info) {
    const cause = error || `${taskName} failed without an error message`;
    return { cause, exceptionName: exceptionNameOf(error, 'TaskFailure'), stacktrace: cause, domain: 'internal', signature: cause };
  }
  const where = firstUserFrame(info.stack);
  const cause = `${taskName}: ${info.className}: ${info.message}${where ? ` (at ${where})` : ''}`;
  const stacktrace = info.stack.startsWith(`${info.className}: `) || info.stack.startsWith('Error') ? info.stack : `${info.className}: ${info.message}\n${info.stack}`;
  return { cause, exceptionName: info.className || 'TaskFailure', stacktrace: stacktrace || cause, domain: errorDomainOf(info), signature: `${info.className}: ${info.message}` };
}
