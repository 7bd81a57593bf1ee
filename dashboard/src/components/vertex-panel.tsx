import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { VertexDetail } from '../api/types';
import { formatBytes, formatCount, formatPercent, formatRate, formatWatermark } from '../format';
import { usePoll } from '../hooks/use-poll';
import { Card, Empty } from './card';
import { FlameGraphPanel } from './flame-graph-panel';
import { StateBadge } from './state-badge';

/**
 * The subtasks of the selected vertex: where each runs, what it processed, how busy and
 * back-pressured it is, its watermark; and, on demand, a CPU flame graph of one of them.
 */
export function VertexPanel({ jobId, vertexId, running, onClose }: { jobId: string; vertexId: string; running: boolean; onClose(): void }): JSX.Element {
  const { data } = usePoll<VertexDetail>(`/jobs/${jobId}/vertices/${vertexId}`);
  const [profiled, setProfiled] = useState<number | undefined>(undefined);
  return (
    <>
      <Card
        title={data ? <span class="wrap-anywhere">Subtasks of {data.name}</span> : 'Subtasks'}
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
            <table class="table table-fixed subtask-table">
              <colgroup>
                <col style={{ width: '44px' }} />
                <col style={{ width: '118px' }} />
                <col />
                <col style={{ width: '100px' }} />
                <col style={{ width: '100px' }} />
                <col style={{ width: '110px' }} />
                <col style={{ width: '64px' }} />
                <col style={{ width: '100px' }} />
                <col style={{ width: '172px' }} />
                <col style={{ width: '124px' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>#</th>
                  <th>Status</th>
                  <th>TaskManager</th>
                  <th class="num">Records in / out</th>
                  <th class="num">In/s · Out/s</th>
                  <th class="num">Bytes in / out</th>
                  <th class="num">Busy</th>
                  <th class="num">Back-pressure</th>
                  <th>Watermark</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.subtasks.map((s) => (
                  <tr key={s.subtask} class={profiled === s.subtask ? 'row-selected' : ''}>
                    <td class="mono">{s.subtask + 1}</td>
                    <td>
                      <StateBadge state={s.status} />
                      {s.attempt > 0 && <div class="muted small">attempt {s.attempt}</div>}
                    </td>
                    <td class="wrap-anywhere" title={s.endpoint ?? undefined}>
                      {s['taskmanager-id'] ? <a href={`#/taskmanagers/${encodeURIComponent(s['taskmanager-id'])}`}>{s['taskmanager-id']}</a> : '–'}
                      {s.slot !== null && <span class="muted small"> · slot {s.slot}</span>}
                    </td>
                    <td class="num">
                      {formatCount(s.metrics['read-records'])}
                      <div class="muted small">{formatCount(s.metrics['write-records'])}</div>
                    </td>
                    <td class="num">
                      {formatRate(s.rates['read-records-per-second'])}
                      <div class="muted small">{formatRate(s.rates['write-records-per-second'])}</div>
                    </td>
                    <td class="num">
                      {formatBytes(s.metrics['read-bytes'])}
                      <div class="muted small">{formatBytes(s.metrics['write-bytes'])}</div>
                    </td>
                    <td class="num">{formatPercent(s.rates['busy-ratio'])}</td>
                    <td class="num">
                      <span class={`level level-${s.rates['backpressure-level']}`}>{formatPercent(s.rates['backpressure-ratio'])}</span>
                    </td>
                    <td class={`small ${s['current-watermark'] === null ? 'muted' : ''}`} data-testid="subtask-watermark-cell">
                      {formatWatermark(s['current-watermark'], s['watermark-idle'])}
                    </td>
                    <td class="num">
                      <button class="btn btn-small" disabled={!running || s.status !== 'RUNNING'} onClick={() => setProfiled(s.subtask)} data-testid="flame-graph-button" title="Sample this subtask's CPU for a few seconds">
                        Flame graph
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {data && profiled !== undefined && <FlameGraphPanel jobId={jobId} vertexId={vertexId} vertexName={data.name} subtask={profiled} onClose={() => setProfiled(undefined)} />}
    </>
  );
}
