import type { JSX } from 'preact';
import type { VertexDetail } from '../api/types';
import { formatBytes, formatCount, formatPercent, formatRate, formatTime } from '../format';
import { usePoll } from '../hooks/use-poll';
import { Card, Empty } from './card';
import { StateBadge } from './state-badge';

/** The subtasks of the selected vertex: where each runs, what it processed, how busy and back-pressured it is. */
export function VertexPanel({ jobId, vertexId, onClose }: { jobId: string; vertexId: string; onClose(): void }): JSX.Element {
  const { data } = usePoll<VertexDetail>(`/jobs/${jobId}/vertices/${vertexId}`);
  return (
    <Card
      title={data ? <>Subtasks of {data.name}</> : 'Subtasks'}
      actions={
        <button class="btn btn-small" onClick={onClose}>
          Close
        </button>
      }
      testId="vertex-panel"
    >
      {!data ? (
        <Empty>Loading…</Empty>
      ) : (
        <div class="table-scroll">
          <table class="table">
            <thead>
              <tr>
                <th>#</th>
                <th>Status</th>
                <th>TaskManager</th>
                <th class="num">Records in</th>
                <th class="num">Records out</th>
                <th class="num">In/s</th>
                <th class="num">Out/s</th>
                <th class="num">Bytes in / out</th>
                <th class="num">Busy</th>
                <th class="num">Back-pressure</th>
                <th>Watermark</th>
              </tr>
            </thead>
            <tbody>
              {data.subtasks.map((s) => (
                <tr key={s.subtask}>
                  <td class="mono">{s.subtask + 1}</td>
                  <td>
                    <StateBadge state={s.status} />
                    {s.attempt > 0 && <span class="muted small"> attempt {s.attempt}</span>}
                  </td>
                  <td class="nowrap">
                    {s['taskmanager-id'] ?? '–'}
                    {s.slot !== null && <span class="muted small"> · slot {s.slot}</span>}
                  </td>
                  <td class="num">{formatCount(s.metrics['read-records'])}</td>
                  <td class="num">{formatCount(s.metrics['write-records'])}</td>
                  <td class="num">{formatRate(s.rates['read-records-per-second'])}</td>
                  <td class="num">{formatRate(s.rates['write-records-per-second'])}</td>
                  <td class="num">
                    {formatBytes(s.metrics['read-bytes'])} / {formatBytes(s.metrics['write-bytes'])}
                  </td>
                  <td class="num">{formatPercent(s.rates['busy-ratio'])}</td>
                  <td class="num">
                    <span class={`level level-${s.rates['backpressure-level']}`}>{formatPercent(s.rates['backpressure-ratio'])}</span>
                  </td>
                  <td>{s['current-watermark'] === null ? <span class="muted">none</span> : formatTime(s['current-watermark'])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
