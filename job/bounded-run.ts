import * as vm from 'node:vm';
import { TimeoutError } from '../common/errors';

/** How long loading a job file or running its job function may take in a TaskManager. */
export const DEFAULT_USER_CODE_TIMEOUT_MS = 30_000;

/**
 * Runs synchronous user code (a job module's body, a job function) under a time bound. The
 * call goes through a tiny script in a fresh vm context with `timeout`: V8's watchdog then
 * stops whatever runs, including functions of this realm, so a job file that loops forever
 * fails its task with a clear error instead of holding a slot's thread. The user code itself
 * stays in this realm: records, arrays and errors it makes must be the engine's own (instanceof,
 * the record codec), which a separate realm would break.
 */
export function runBounded<T>(fn: () => T, timeoutMs: number, what: string): T {
  const box: { fn: () => T; result?: T } = { fn };
  try {
    vm.runInNewContext('box.result = box.fn()', { box }, { timeout: timeoutMs });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new TimeoutError(`${what} did not finish within ${timeoutMs / 1000} s (does it wait or loop forever?)`, 'user');
    throw err;
  }
  return box.result as T;
}
