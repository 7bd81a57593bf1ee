import type { JSX } from 'preact';
import type { JobOverview } from '../api/types';
import { formatDuration, formatTime, shortId } from '../format';
import { Empty } from './card';
import { StateBadge } from './state-badge';

const TASK_STATES: Array<[string, string]> = [
  ['running', 'running'],
  ['deploying', 'pending'],
  ['scheduled', 'pending'],
  ['created', 'pending'],
  ['finished', 'finished'],
  ['canceling', 'transition'],
  ['canceled', 'canceled'],
  ['failed', 'failed'],
];

/** The job's tasks as one bar split by state, as Flink's job list shows them. */
export function TaskBar({ tasks }: { tasks: Record<string, number> }): JSX.Element {
  const total = tasks.total || Object.values(tasks).reduce((a, b) => a + b, 0) || 1;
  const title = TASK_STATES.filter(([s]) => tasks[s]).map(([s]) => `${tasks[s]} ${s}`).join(', ');
  return (
    <div class="taskbar" title={title}>
      <div class="taskbar-track">
        {TASK_STATES.filter(([s]) => tasks[s]).map(([s, tone]) => (
          <span key={s} class={`seg seg-${tone}`} style={{ width: `${(100 * tasks[s]) / total}%` }} />
        ))}
      </div>
      <span class="taskbar-label">{tasks.total ?? total}</span>
    </div>
  );
}

export function JobsTable({ jobs, empty }: { jobs: JobOverview[]; empty: string }): JSX.Element {
  if (jobs.length === 0) return <Empty>{empty}</Empty>;
  return (
    <table class="table table-click">
      <thead>
        <tr>
          <th>Job</th>
          <th>State</th>
          <th>Started</th>
          <th class="num">Duration</th>
          <th>Tasks</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((j) => (
          <tr key={j.jid} onClick={() => (location.hash = `#/jobs/${j.jid}`)} data-testid="job-row">
            <td>
              <a href={`#/jobs/${j.jid}`} class="job-link wrap-anywhere" title={j.name}>
                {j.name}
              </a>
              <div class="mono muted small">{shortId(j.jid)}</div>
            </td>
            <td>
              <StateBadge state={j.state} />
            </td>
            <td>{formatTime(j['start-time'])}</td>
            <td class="num">{formatDuration(j.duration)}</td>
            <td>
              <TaskBar tasks={j.tasks} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
