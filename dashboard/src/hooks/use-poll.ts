import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { RestError, rest } from '../api/rest-client';
import { reportConnection } from './connection-status';

let refreshIntervalMs = 1_000;

/** Set once from GET /config: how often views poll. */
export function setRefreshInterval(ms: number): void {
  if (Number.isFinite(ms) && ms >= 200) refreshIntervalMs = ms;
}

export interface Polled<T> {
  data: T | undefined;
  error: RestError | undefined;
  /** Fetch again now (after an action changed something). */
  refresh(): void;
}

/**
 * GETs `path` now and then every refresh interval while the view is mounted and the tab is
 * visible. Requests never overlap; the last good answer stays on screen when one fails; a
 * 404 ends the polling. A null path polls nothing.
 */
export function usePoll<T>(path: string | null, intervalMs?: number): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<RestError | undefined>(undefined);
  const kick = useRef<() => void>(() => undefined);

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    if (path === null) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let gone = false;
    const tick = async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!alive || inFlight) return;
      if (document.hidden) {
        timer = setTimeout(tick, intervalMs ?? refreshIntervalMs);
        return;
      }
      inFlight = true;
      try {
        const value = await rest.get<T>(path);
        if (!alive) return;
        setData(value);
        setError(undefined);
        reportConnection(true);
      } catch (err) {
        if (!alive) return;
        const e = err instanceof RestError ? err : new RestError(0, String(err));
        gone = e.status === 404;
        setError(e);
        reportConnection(e.status !== 0);
      } finally {
        inFlight = false;
        // A resource that is gone (404) does not come back: asking every second would only log errors.
        if (alive && !gone) timer = setTimeout(tick, intervalMs ?? refreshIntervalMs);
      }
    };
    kick.current = () => void tick();
    const onVisible = () => !document.hidden && void tick();
    document.addEventListener('visibilitychange', onVisible);
    void tick();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [path, intervalMs]);

  const refresh = useCallback(() => kick.current(), []);
  return { data, error, refresh };
}
