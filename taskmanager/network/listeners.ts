import { Logger } from '../../common/logger';

const log = new Logger('network');

/**
 * Calls every listener, isolating failures: listeners run inside socket and port callbacks,
 * where a throw would tear down a whole link (and every other channel on it) or crash the
 * worker. A failing listener is logged and the others still run.
 */
export function notifyAll(listeners: readonly (() => void)[], what: string): void {
  for (let i = 0; i < listeners.length; i++) {
    try {
      listeners[i]!();
    } catch (err) {
      log.error(`${what} listener threw`, { error: err instanceof Error ? err.stack ?? err.message : String(err) });
    }
  }
}

/** Same as notifyAll for error listeners. */
export function notifyAllErrors(listeners: readonly ((err: Error) => void)[], err: Error, what: string): void {
  for (let i = 0; i < listeners.length; i++) {
    try {
      listeners[i]!(err);
    } catch (listenerErr) {
      log.error(`${what} error listener threw`, {
        error: listenerErr instanceof Error ? listenerErr.stack ?? listenerErr.message : String(listenerErr),
      });
    }
  }
}

/** Normalizes anything thrown into an Error. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
