import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { JobOverview } from '../api/types';
import { Card, ErrorBanner } from '../components/card';
import { JobsTable } from '../components/jobs-table';
import { PageHeader } from '../components/layout';
import { usePoll } from '../hooks/use-poll';

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);
const FILTERS = ['all', 'running', 'completed'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE_SIZE = 10;

function initialFilter(): Filter {
  const f = new URLSearchParams(location.hash.split('?')[1] ?? '').get('filter');
  return FILTERS.includes(f as Filter) ? (f as Filter) : 'all';
}

/** Every job the JobManager knows, those that ended before it restarted included (its archive), newest first, in pages. */
export function JobsPage(): JSX.Element {
  const jobs = usePoll<{ jobs: JobOverview[] }>('/jobs/overview');
  const [filter, setFilter] = useState<Filter>(initialFilter);
  const [page, setPage] = useState(0);
  const all = [...(jobs.data?.jobs ?? [])].sort((a, b) => b['start-time'] - a['start-time']);
  const matches = (f: Filter) => all.filter((j) => f === 'all' || (f === 'running') === !ENDED.has(j.state));
  const shown = matches(filter);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const choose = (f: Filter) => {
    setFilter(f);
    setPage(0);
  };
  return (
    <div>
      <PageHeader
        title="Jobs"
        subtitle="Every job this JobManager knows, with those that ended before it restarted, newest first"
        actions={
          <a class="btn btn-primary" href="#/submit">
            Submit job
          </a>
        }
      />
      {jobs.error && <ErrorBanner message={jobs.error.message} />}
      <Card
        testId="jobs-list"
        title={
          <div class="tabs">
            {FILTERS.map((f) => (
              <button key={f} class={`tab ${filter === f ? 'tab-active' : ''}`} onClick={() => choose(f)} data-testid={`filter-${f}`}>
                {f[0].toUpperCase() + f.slice(1)} <span class="tab-count">{matches(f).length}</span>
              </button>
            ))}
          </div>
        }
        actions={
          pages > 1 && (
            <span class="pager" data-testid="pager">
              <button class="btn btn-small" disabled={current === 0} onClick={() => setPage(current - 1)}>
                Newer
              </button>
              <span class="small muted">
                {current * PAGE_SIZE + 1}–{Math.min(shown.length, (current + 1) * PAGE_SIZE)} of {shown.length}
              </span>
              <button class="btn btn-small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="pager-older">
                Older
              </button>
            </span>
          )
        }
      >
        <JobsTable jobs={shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)} empty={filter === 'running' ? 'No job is running.' : 'No jobs yet.'} />
      </Card>
    </div>
  );
}
