import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { authHeaders } from '../api/auth-token';

/**
 * A process's latest output as text (GET .../log or .../stdout), refreshed on demand or every
 * few seconds while "follow" is on, scrolled to the newest line, with a filter.
 */
export function LogView({ path, testId, empty }: { path: string; testId?: string; empty: string }): JSX.Element {
  const [text, setText] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [follow, setFollow] = useState(true);
  const [filter, setFilter] = useState('');
  const [round, setRound] = useState(0);
  const box = useRef<HTMLPreElement>(null);

  useEffect(() => {
    let alive = true;
    const load = () =>
      fetch(path, { headers: { accept: 'text/plain', ...authHeaders() } })
        .then(async (res) => {
          const body = await res.text();
          if (!alive) return;
          if (res.ok) {
            setText(body);
            setError(undefined);
          } else setError((JSON.parse(body) as { errors?: string[] }).errors?.join('; ') ?? `${res.status}`);
        })
        .catch(() => alive && setError('The JobManager is not reachable'));
    void load();
    const timer = follow ? setInterval(load, 3_000) : undefined;
    return () => {
      alive = false;
      if (timer) clearInterval(timer);
    };
  }, [path, follow, round]);

  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text, follow]);

  const lines = (text ?? '').split('\n');
  const shown = filter ? lines.filter((l) => l.toLowerCase().includes(filter.toLowerCase())) : lines;
  return (
    <div class="log-view" data-testid={testId}>
      <div class="log-toolbar">
        <input type="search" placeholder="Filter lines" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} aria-label="Filter lines" />
        <label class="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.currentTarget.checked)} /> Follow
        </label>
        <button class="btn btn-small" onClick={() => setRound(round + 1)}>
          Refresh
        </button>
        <a class="btn btn-small" href={path} target="_blank" rel="noreferrer">
          Raw
        </a>
      </div>
      {error && <div class="banner banner-error">{error}</div>}
      <pre ref={box} class="log-text">{text === undefined ? 'Loading…' : text.trim() === '' ? empty : shown.join('\n')}</pre>
    </div>
  );
}
