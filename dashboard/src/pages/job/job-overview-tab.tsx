import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { CheckpointStats, JobDetail } from '../../api/types';
import { Card } from '../../components/card';
import { JobGraph } from '../../components/job-graph';
import { TimeSeriesChart, seriesColor } from '../../components/time-series-chart';
import { VertexPanel } from '../../components/vertex-panel';
import { formatBytes, formatCount, formatDuration } from '../../format';
import { useRateHistory } from '../../hooks/use-rate-history';

/** The job graph with live rates and back-pressure, the selected vertex's subtasks, and charts. */
export function JobOverviewTab({ job, checkpoints }: { job: JobDetail; checkpoints?: CheckpointStats }): JSX.Element {
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const history = useRateHistory(job);
  return (
    <div>
      <Card title="Job graph" class="graph-card">
        <JobGraph plan={job.plan.nodes} vertices={job.vertices} selected={selected} onSelect={(id) => setSelected(id === selected ? undefined : id)} />
      </Card>
      {selected && job.vertices.some((v) => v.id === selected) && <VertexPanel jobId={job.jid} vertexId={selected} running={job.state === 'RUNNING'} onClose={() => setSelected(undefined)} />}
      <div class="grid-2">
        <Card title="Throughput" actions={<span class="muted small">records/s per vertex (out; in for sinks)</span>}>
          <ThroughputChart times={history.times} series={history.series} empty={['FINISHED', 'FAILED', 'CANCELED'].includes(job.state) ? `The job is ${job.state}: no more samples` : 'Collecting samples…'} />
        </Card>
        <Card title="Checkpoint duration" actions={<span class="muted small">end-to-end, with state size</span>}>
          <CheckpointChart stats={checkpoints} />
        </Card>
      </div>
    </div>
  );
}

function ThroughputChart({ times, series, empty }: { times: number[]; series: Array<{ id: string; name: string; values: Array<number | null> }>; empty: string }): JSX.Element {
  const data = useMemo(() => [times, ...series.map((s) => s.values)], [times, series]);
  // Full names: the legend wraps them (and shows each in a tooltip), so long names stay readable.
  const defs = series.map((s, i) => ({ label: s.name, color: seriesColor(i) }));
  return <TimeSeriesChart testId="throughput-chart" series={defs} data={data} format={(v) => formatCount(v)} empty={empty} />;
}

export function CheckpointChart({ stats }: { stats?: CheckpointStats }): JSX.Element {
  const data = useMemo(() => {
    const done = (stats?.history ?? []).filter((c) => c.status === 'COMPLETED').sort((a, b) => a.trigger_timestamp - b.trigger_timestamp);
    return [done.map((c) => c.trigger_timestamp / 1000), done.map((c) => c.end_to_end_duration), done.map((c) => c.state_size)];
  }, [stats]);
  return (
    <TimeSeriesChart
      testId="checkpoint-chart"
      series={[
        { label: 'Duration', color: seriesColor(0), points: true },
        { label: 'State size', color: seriesColor(2), scale: 'y2', points: true },
      ]}
      data={data}
      format={(v) => formatDuration(v)}
      format2={(v) => formatBytes(v)}
      empty="No completed checkpoints yet"
      minPoints={1}
    />
  );
}
