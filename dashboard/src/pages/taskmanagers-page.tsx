import type { JSX } from 'preact';
import type { TaskManagerDetail, TaskManagerSummary } from '../api/types';
import { Card, Empty, ErrorBanner } from '../components/card';
import { PageHeader } from '../components/layout';
import { stateTone } from '../components/state-badge';
import { formatAgo, formatBytes, formatDuration } from '../format';
import { usePoll } from '../hooks/use-poll';

/** Every TaskManager with its slots and the subtasks running in each. */
export function TaskManagersPage(): JSX.Element {
  const list = usePoll<{ taskmanagers: TaskManagerSummary[] }>('/taskmanagers');
  const tms = list.data?.taskmanagers ?? [];
  return (
    <div>
      <PageHeader title="TaskManagers" subtitle="Workers, their slots, and the subtasks in each slot" />
      {list.error && <ErrorBanner message={list.error.message} />}
      {list.data && tms.length === 0 && <Empty>No TaskManager has registered. Start one with sluice-taskmanager --jobmanager HOST:PORT.</Empty>}
      <div class="stack">
        {tms.map((tm) => (
          <TaskManagerCard key={tm.id} id={tm.id} />
        ))}
      </div>
    </div>
  );
}

export function TaskManagerCard({ id }: { id: string }): JSX.Element {
  const { data: tm } = usePoll<TaskManagerDetail>(`/taskmanagers/${encodeURIComponent(id)}`);
  if (!tm) return <Card title={id}>Loading…</Card>;
  const used = tm.slotsNumber - tm.freeSlots;
  return (
    <Card
      testId="taskmanager-card"
      title={
        <span class="wrap-anywhere">
          <a href={`#/taskmanagers/${encodeURIComponent(tm.id)}`}>{tm.id}</a> <span class="muted small mono">{tm.path}</span>
        </span>
      }
      actions={
        <span class="small tm-links">
          <span class="muted">
            {used}/{tm.slotsNumber} slots used
          </span>
          <a href={`#/taskmanagers/${encodeURIComponent(tm.id)}/logs`}>Logs</a>
          <a href={`#/taskmanagers/${encodeURIComponent(tm.id)}/stdout`}>Stdout</a>
        </span>
      }
    >
      <div class="kv-row">
        <div class="kv">
          <div class="kv-label">CPU cores</div>
          <div class="kv-value">{tm.hardware.cpuCores}</div>
        </div>
        <div class="kv">
          <div class="kv-label">Physical memory</div>
          <div class="kv-value">{formatBytes(tm.hardware.physicalMemory)}</div>
        </div>
        <div class="kv">
          <div class="kv-label">Uptime</div>
          <div class="kv-value">{formatDuration(tm.uptime)}</div>
        </div>
        <div class="kv">
          <div class="kv-label">Last heartbeat</div>
          <div class="kv-value">{formatAgo(tm.timeSinceLastHeartbeat)}</div>
        </div>
        <div class="kv">
          <div class="kv-label">PID</div>
          <div class="kv-value mono">{tm.pid}</div>
        </div>
      </div>
      <div class="slots">
        {tm.slots.map((s) => (
          <div key={s.index} class={`slot ${s.status === 'FREE' ? 'slot-free' : 'slot-used'}`} data-testid="slot">
            <div class="slot-head">
              <span>Slot {s.index}</span>
              <span class="muted small mono">:{s.dataPort}</span>
            </div>
            {s.status === 'FREE' ? (
              <div class="slot-empty">Free</div>
            ) : (
              <>
                <a class="slot-job" href={`#/jobs/${s.jobId}`}>
                  {s.jobName}
                </a>
                <ul class="slot-tasks">
                  {s.subtasks.map((t) => (
                    <li key={`${t.vertexId}-${t.subtask}`} title={`${t.vertexName} (${t.subtask + 1}/${t.parallelism}) ${t.status}`}>
                      <span class={`dot dot-${stateTone(t.status)}`} />
                      <span class="truncate">{t.vertexName}</span>
                      <span class="muted small">
                        {t.subtask + 1}/{t.parallelism}
                      </span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ))}
      </div>
    </Card>
  );
}
