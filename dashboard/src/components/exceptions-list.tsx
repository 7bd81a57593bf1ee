import type { JSX } from 'preact';
import type { JobExceptions } from '../api/types';
import { formatTime } from '../format';
import { Empty } from './card';

/** The root cause (why the job failed, or the latest failure) and the history of task failures. */
export function ExceptionsList({ exceptions }: { exceptions?: JobExceptions }): JSX.Element {
  if (!exceptions) return <Empty>Loading exceptions…</Empty>;
  const entries = exceptions.exceptionHistory.entries;
  if (!exceptions['root-exception'] && entries.length === 0) return <Empty>No exceptions. The job has not failed.</Empty>;
  return (
    <div class="exceptions" data-testid="exceptions">
      {exceptions['root-exception'] && (
        <div class="root-exception">
          <div class="root-exception-title">
            Root exception <span class="muted small">{formatTime(exceptions.timestamp)}</span>
          </div>
          <pre>{exceptions['root-exception']}</pre>
        </div>
      )}
      {entries.map((e, i) => (
        <details key={`${e.timestamp}-${i}`} class="exception" open={i === 0 && !exceptions['root-exception']}>
          <summary>
            <span class="exception-name">{e.exceptionName}</span>
            <span class="muted small">
              {formatTime(e.timestamp)}
              {e.taskName ? ` · ${e.taskName}` : ''}
              {e.taskManagerId ? ` · ${e.taskManagerId}` : ''}
              {e.location ? ` (${e.location})` : ''}
            </span>
          </summary>
          <pre>{e.stacktrace}</pre>
        </details>
      ))}
      {exceptions.exceptionHistory.truncated && <div class="muted small">Older exceptions were dropped.</div>}
    </div>
  );
}
