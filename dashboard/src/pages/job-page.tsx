import type { JSX } from 'preact';
import type { CheckpointStats, JobDetail } from '../api/types';
import { Empty, ErrorBanner, StatCard } from '../components/card';
import { JobActions } from '../components/job-actions';
import { PageHeader } from '../components/layout';
import { StateBadge } from '../components/state-badge';
import { TabBar } from '../components/tab-bar';
import { formatBytes, formatDuration, formatPercent, formatRate, formatTime } from '../format';
import { JOB_TABS, type JobTab, href } from '../hooks/use-hash-route';
import { usePoll } from '../hooks/use-poll';
import { JobCheckpointsTab } from './job/job-checkpoints-tab';
import { JobConfigurationTab } from './job/job-configuration-tab';
import { JobExceptionsTab } from './job/job-exceptions-tab';
import { JobOverviewTab } from './job/job-overview-tab';
import { JobWatermarksTab } from './job/job-watermarks-tab';

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);
const TAB_LABELS: Record<JobTab, string> = { overview: 'Overview', exceptions: 'Exceptions', checkpoints: 'Checkpoints', watermarks: 'Watermarks', configuration: 'Configuration' };

/** One job, as Flink's job view: a header with actions and key figures, then tabs. */
export function JobPage({ jobId, tab }: { jobId: string; tab: JobTab }): JSX.Element {
  const job = usePoll<JobDetail>(`/jobs/${jobId}`);
  const checkpoints = usePoll<CheckpointStats>(`/jobs/${jobId}/checkpoints`);
  const refresh = () => {
    job.refresh();
    checkpoints.refresh();
  };

  if (job.error?.status === 404 || job.error?.status === 400) return <Empty>{job.error.message}</Empty>;
  const j = job.data;
  if (!j) return <Empty>{job.error ? job.error.message : 'Loading job…'}</Empty>;

  const ended = ENDED.has(j.state);
  const emitting = new Set(j.plan.nodes.flatMap((n) => (n.inputs ?? []).map((i) => i.id)));
  const sources = j.plan.nodes.filter((n) => !n.inputs || n.inputs.length === 0).map((n) => n.id);
  const sourceRate = j.vertices.filter((v) => sources.includes(v.id)).reduce((a, v) => a + v.rates['write-records-per-second'], 0);
  const sinkRate = j.vertices.filter((v) => !emitting.has(v.id)).reduce((a, v) => a + v.rates['read-records-per-second'], 0);
  const worst = j.vertices.reduce((a, v) => Math.max(a, v.rates['backpressure-ratio']), 0);
  const tasks = j.vertices.reduce((a, v) => a + v.parallelism, 0);
  const runningTasks = j.vertices.reduce((a, v) => a + (v.tasks.RUNNING ?? 0), 0);
  const latest = checkpoints.data?.latest.completed;

  return (
    <div>
      <PageHeader
        title={
          <span class="title-with-badge">
            <span class="wrap-anywhere">{j.name}</span> <StateBadge state={j.state} />
          </span>
        }
        subtitle={
          <span>
            <span class="mono">{j.jid}</span> · started {formatTime(j['start-time'])}
            {j['end-time'] > 0 && <> · ended {formatTime(j['end-time'])}</>}
          </span>
        }
        actions={<JobActions jobId={j.jid} jobName={j.name} ended={ended} onChanged={refresh} />}
      />
      <div class="stats">
        <StatCard label="Duration" value={formatDuration(j.duration)} />
        <StatCard label="Tasks running" value={`${runningTasks} / ${tasks}`} hint={`${j.vertices.length} vertices`} />
        <StatCard label="Source output" value={formatRate(sourceRate)} hint="records per second" />
        <StatCard label="Sink input" value={formatRate(sinkRate)} hint="records per second" />
        <StatCard label="Max back-pressure" value={formatPercent(worst)} tone={worst > 0.5 ? 'tone-failed' : worst > 0.1 ? 'tone-transition' : ''} />
        <StatCard label="Checkpoints" value={checkpoints.data ? checkpoints.data.counts.completed : '–'} hint={latest ? `last ${formatBytes(latest.state_size)} in ${formatDuration(latest.end_to_end_duration)}` : 'none completed yet'} />
      </div>
      {job.error && <ErrorBanner message={`Showing the last known state: ${job.error.message}`} />}
      <TabBar testId="job-tabs" active={tab} tabs={JOB_TABS.map((t) => ({ id: t, label: TAB_LABELS[t], href: href({ page: 'job', jobId: j.jid, tab: t }) }))} />
      {tab === 'overview' && <JobOverviewTab job={j} checkpoints={checkpoints.data} />}
      {tab === 'exceptions' && <JobExceptionsTab jobId={j.jid} />}
      {tab === 'checkpoints' && <JobCheckpointsTab jobId={j.jid} stats={checkpoints.data} />}
      {tab === 'watermarks' && <JobWatermarksTab job={j} />}
      {tab === 'configuration' && <JobConfigurationTab jobId={j.jid} />}
    </div>
  );
}
