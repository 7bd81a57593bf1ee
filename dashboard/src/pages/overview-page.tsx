import type { JSX } from 'preact';
import type { ClusterOverview, JobOverview, TaskManagerSummary } from '../api/types';
import { Card, ErrorBanner, StatCard } from '../components/card';
import { JobsTable } from '../components/jobs-table';
import { PageHeader } from '../components/layout';
import { formatAgo, formatBytes } from '../format';
import { usePoll } from '../hooks/use-poll';

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/** The cluster at a glance: TaskManagers, slots, jobs by state; everything live. */
export function OverviewPage(): JSX.Element {
  const overview = usePoll<ClusterOverview>('/overview');
  const jobs = usePoll<{ jobs: JobOverview[] }>('/jobs/overview');
  const tms = usePoll<{ taskmanagers: TaskManagerSummary[] }>('/taskmanagers');
  const o = overview.data;
  const used = o ? o['slots-total'] - o['slots-available'] : 0;
  const usage = o && o['slots-total'] > 0 ? used / o['slots-total'] : 0;
  const all = [...(jobs.data?.jobs ?? [])].sort((a, b) => b['start-time'] - a['start-time']);
  const running = all.filter((j) => !ENDED.has(j.state));
  const completed = all.filter((j) => ENDED.has(j.state));

  return (
    <div>
      <PageHeader title="Overview" subtitle="The cluster and its jobs, refreshed every second" />
      {overview.error && <ErrorBanner message={overview.error.message} />}
      <div class="stats">
        <StatCard testId="stat-taskmanagers" label="TaskManagers" value={o?.taskmanagers ?? '–'} hint={o ? `${o['slots-total']} slots in total` : undefined} />
        <StatCard
          testId="stat-slots"
          label="Slots used / free"
          value={
            <>
              {o ? used : '–'}
              <span class="stat-sub"> / {o?.['slots-available'] ?? '–'}</span>
            </>
          }
          hint={
            <div class="meter" title={`${Math.round(usage * 100)}% of slots in use`}>
              <span style={{ width: `${usage * 100}%` }} />
            </div>
          }
        />
        <StatCard testId="stat-running" tone="tone-running" label="Running jobs" value={o?.['jobs-running'] ?? '–'} />
        <StatCard tone="tone-finished" label="Finished" value={o?.['jobs-finished'] ?? '–'} />
        <StatCard tone="tone-canceled" label="Canceled" value={o?.['jobs-cancelled'] ?? '–'} />
        <StatCard tone="tone-failed" label="Failed" value={o?.['jobs-failed'] ?? '–'} />
      </div>

      <div class="grid-2-1">
        <div class="stack">
          <Card title="Running jobs" testId="running-jobs">
            <JobsTable jobs={running} empty="No job is running. Submit one with stream-submit or from the Submit job page." />
          </Card>
          <Card title="Completed jobs" testId="completed-jobs" actions={completed.length > 10 ? <a href="#/jobs?filter=completed" data-testid="show-all-completed">Show all {completed.length}</a> : undefined}>
            <JobsTable jobs={completed.slice(0, 10)} empty="No job has ended yet." />
          </Card>
        </div>
        <Card title="TaskManagers" actions={<a href="#/taskmanagers">Details</a>} testId="overview-taskmanagers">
          {(tms.data?.taskmanagers ?? []).length === 0 ? (
            <div class="empty">No TaskManager has registered. Start one with sluice-taskmanager.</div>
          ) : (
            <ul class="tm-list">
              {tms.data!.taskmanagers.map((tm) => (
                <li key={tm.id} data-testid="overview-tm">
                  <div>
                    <div class="tm-name">{tm.id}</div>
                    <div class="muted small mono">{tm.path}</div>
                  </div>
                  <div class="tm-meta">
                    <SlotDots total={tm.slotsNumber} free={tm.freeSlots} />
                    <div class="muted small">
                      {tm.hardware.cpuCores} cores · {formatBytes(tm.hardware.physicalMemory)} · heartbeat {formatAgo(tm.timeSinceLastHeartbeat)}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

function SlotDots({ total, free }: { total: number; free: number }): JSX.Element {
  return (
    <div class="slot-dots" title={`${total - free} of ${total} slots in use`}>
      {Array.from({ length: total }, (_, i) => (
        <span key={i} class={i < total - free ? 'used' : ''} />
      ))}
    </div>
  );
}
