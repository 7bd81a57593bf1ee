import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { CheckpointStats, JobDetail, JobExceptions } from '../api/types';
import { Card, Empty, ErrorBanner, StatCard } from '../components/card';
import { CheckpointTable } from '../components/checkpoint-table';
import { ExceptionsList } from '../components/exceptions-list';
import { JobActions } from '../components/job-actions';
import { JobGraph } from '../components/job-graph';
import { PageHeader } from '../components/layout';
import { StateBadge } from '../components/state-badge';
import { PALETTE, TimeSeriesChart } from '../components/time-series-chart';
import { VertexPanel } from '../components/vertex-panel';
import { formatBytes, formatCount, formatDuration, formatPercent, formatRate, formatTime } from '../format';
import { usePoll } from '../hooks/use-poll';
import { useRateHistory } from '../hooks/use-rate-history';

const ENDED = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/** One job: its graph with live rates and back-pressure, charts, checkpoints, exceptions and actions. */
export function JobPage({ jobId }: { jobId: string }): JSX.Element {
  const job = usePoll<JobDetail>(`/jobs/${jobId}`);
  const checkpoints = usePoll<CheckpointStats>(`/jobs/${jobId}/checkpoints`);
  const exceptions = usePoll<JobExceptions>(`/jobs/${jobId}/exceptions`, 2_000);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const history = useRateHistory(job.data);
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

  return (
    <div>
      <PageHeader
        title={
          <span class="title-with-badge">
            {j.name} <StateBadge state={j.state} />
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
        <StatCard
          label="Checkpoints"
          value={checkpoints.data ? checkpoints.data.counts.completed : '–'}
          hint={checkpoints.data?.latest.completed ? `last ${formatBytes(checkpoints.data.latest.completed.state_size)} in ${formatDuration(checkpoints.data.latest.completed.end_to_end_duration)}` : 'none completed yet'}
        />
      </div>
      {job.error && <ErrorBanner message={`Showing the last known state: ${job.error.message}`} />}

      <Card title="Job graph" class="graph-card">
        <JobGraph plan={j.plan.nodes} vertices={j.vertices} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
      </Card>
      {selected && j.vertices.some((v) => v.id === selected) && <VertexPanel jobId={j.jid} vertexId={selected} onClose={() => setSelected(undefined)} />}

      <div class="grid-2">
        <Card title="Throughput" actions={<span class="muted small">records/s per vertex (out; in for sinks)</span>}>
          <ThroughputChart times={history.times} series={history.series} />
        </Card>
        <Card title="Checkpoint duration" actions={<span class="muted small">end-to-end, with state size</span>}>
          <CheckpointChart stats={checkpoints.data} />
        </Card>
      </div>
      <Card title="Checkpoints">
        <CheckpointTable stats={checkpoints.data} />
      </Card>
      <Card title="Exceptions">
        <ExceptionsList exceptions={exceptions.data} />
      </Card>
    </div>
  );
}

function ThroughputChart({ times, series }: { times: number[]; series: Array<{ id: string; name: string; values: Array<number | null> }> }): JSX.Element {
  const data = useMemo(() => [times, ...series.map((s) => s.values)], [times, series]);
  const defs = series.map((s, i) => ({ label: s.name.length > 28 ? `${s.name.slice(0, 27)}…` : s.name, color: PALETTE[i % PALETTE.length] }));
  return <TimeSeriesChart testId="throughput-chart" series={defs} data={data} format={(v) => formatCount(v)} empty="Collecting samples…" />;
}

function CheckpointChart({ stats }: { stats?: CheckpointStats }): JSX.Element {
  const data = useMemo(() => {
    const done = (stats?.history ?? []).filter((c) => c.status === 'COMPLETED').sort((a, b) => a.trigger_timestamp - b.trigger_timestamp);
    return [done.map((c) => c.trigger_timestamp / 1000), done.map((c) => c.end_to_end_duration), done.map((c) => c.state_size)];
  }, [stats]);
  return (
    <TimeSeriesChart
      testId="checkpoint-chart"
      series={[
        { label: 'Duration', color: '#0ea5e9', points: true },
        { label: 'State size', color: '#8b5cf6', scale: 'y2', points: true },
      ]}
      data={data}
      format={(v) => formatDuration(v)}
      format2={(v) => formatBytes(v)}
      empty="No completed checkpoints yet"
      minPoints={1}
    />
  );
}
