import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { CheckpointDetails } from '../api/types';
import { formatBytes, formatDuration, formatTime } from '../format';
import { usePoll } from '../hooks/use-poll';
import { Card, Empty } from './card';
import { StateBadge } from './state-badge';

/** One checkpoint by vertex, each vertex's subtasks on demand: when each acknowledged, how much state, how long sync, async and alignment took. */
export function CheckpointDetailsPanel({ jobId, checkpointId, onClose }: { jobId: string; checkpointId: number; onClose(): void }): JSX.Element {
  const { data, error } = usePoll<CheckpointDetails>(`/jobs/${jobId}/checkpoints/details/${checkpointId}`, 2_000);
  const [open, setOpen] = useState<Set<string>>(() => new Set());
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));
  return (
    <Card
      testId="checkpoint-details"
      title={`Checkpoint #${checkpointId}`}
      actions={
        <button class="btn btn-small" onClick={onClose}>
          Close
        </button>
      }
    >
      {!data ? (
        <Empty>{error ? error.message : 'Loading…'}</Empty>
      ) : (
        <div class="table-scroll">
          {data.external_path && (
            <div class="small muted path-line">
              Path: <span class="mono wrap-anywhere">{data.external_path}</span>
            </div>
          )}
          <table class="table table-fixed-wide">
            <thead>
              <tr>
                <th>Vertex</th>
                <th>Status</th>
                <th class="num">Acknowledged</th>
                <th>Latest ack</th>
                <th class="num">End to end</th>
                <th class="num">State size</th>
                <th class="num">Alignment</th>
              </tr>
            </thead>
            <tbody>
              {Object.values(data.tasks).map((t) => [
                <tr key={t.id} class="table-click" onClick={() => toggle(t.id)} data-testid="checkpoint-vertex">
                  <td class="wrap-anywhere">
                    <span class="disclosure">{open.has(t.id) ? '▾' : '▸'}</span> {t.name}
                  </td>
                  <td>
                    <StateBadge state={t.status} />
                  </td>
                  <td class="num">
                    {t.num_acknowledged_subtasks}/{t.num_subtasks}
                  </td>
                  <td>{formatTime(t.latest_ack_timestamp)}</td>
                  <td class="num">{formatDuration(t.end_to_end_duration)}</td>
                  <td class="num">{formatBytes(t.state_size)}</td>
                  <td class="num">{formatDuration(t.alignment_duration)}</td>
                </tr>,
                open.has(t.id) && (
                  <tr key={`${t.id}-subtasks`} class="subrow">
                    <td colSpan={7}>
                      <table class="table table-inner" data-testid="checkpoint-subtasks">
                        <thead>
                          <tr>
                            <th>#</th>
                            <th>Status</th>
                            <th>Acknowledged at</th>
                            <th class="num">End to end</th>
                            <th class="num">State size</th>
                            <th class="num">Sync</th>
                            <th class="num">Async</th>
                            <th class="num">Alignment</th>
                          </tr>
                        </thead>
                        <tbody>
                          {t.subtasks.map((s) => (
                            <tr key={s.index}>
                              <td class="mono">{s.index + 1}</td>
                              <td>{s.status === 'completed' ? 'acknowledged' : 'pending'}</td>
                              <td>{formatTime(s.ack_timestamp)}</td>
                              <td class="num">{formatDuration(s.end_to_end_duration)}</td>
                              <td class="num">{s.status === 'completed' ? formatBytes(s.state_size) : '–'}</td>
                              <td class="num">{formatDuration(s.checkpoint.sync)}</td>
                              <td class="num">{formatDuration(s.checkpoint.async)}</td>
                              <td class="num">{formatDuration(s.alignment.duration)}</td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
