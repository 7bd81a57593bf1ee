import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { JobOverview } from '../api/types';
import { Card, ErrorBanner } from '../components/card';
import { JobsTable } from '../components/jobs-table';
import { PageHeader } from '../components/layout';
import { usePoll } from '../hooks/use-poll';

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);
type Filter = 'all' | 'running' | 'completed';

export function JobsPage(): JSX.Element {
  const jobs = usePoll<{ jobs: JobOverview[] }>('/jobs/overview');
  const [filter, setFilter] = useState<Filter>('all');
  const all = [...(jobs.data?.jobs ?? [])].sort((a, b) => b['start-time'] - a['start-time']);
  const shown = all.filter((j) => filter === 'all' || (filter === 'running') === !ENDED.has(j.state));
  const count = (f: Filter) => all.filter((j) => f === 'all' || (f === 'running') === !ENDED.has(j.state)).length;
  return (
    <div>
      <PageHeader
        title="Jobs"
        subtitle="Every job this JobManager knows, newest first"
        actions={
          <a class="btn btn-primary" href="#/submit">
            Submit job
          </a>
        }
      />
      {jobs.error && <ErrorBanner message={jobs.error.message} />}
      <Card
        title={
          <div class="tabs">
            {(['all', 'running', 'completed'] as Filter[]).map((f) => (
              <button key={f} class={`tab ${filter === f ? 'tab-active' : ''}`} onClick={() => setFilter(f)}>
                {f[0].toUpperCase() + f.slice(1)} <span class="tab-count">{count(f)}</span>
              </button>
            ))}
          </div>
        }
      >
        <JobsTable jobs={shown} empty={filter === 'running' ? 'No job is running.' : 'No jobs yet.'} />
      </Card>
    </div>
  );
}
