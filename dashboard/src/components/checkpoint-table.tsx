import type { JSX } from 'preact';
import type { CheckpointStats } from '../api/types';
import { formatBytes, formatDuration, formatTime } from '../format';
import { Empty } from './card';
import { StateBadge } from './state-badge';

/** Counts and the history of checkpoints and savepoints, newest first. */
export function CheckpointTable({ stats, selected, onSelect }: { stats?: CheckpointStats; selected?: number; onSelect?(id: number): void }): JSX.Element {
  if (!stats) return <Empty>Loading checkpoints…</Empty>;
  const { counts, latest } = stats;
  return (
    <div>
      <div class="kv-row">
        <Kv label="Completed" value={counts.completed} />
        <Kv label="In progress" value={counts.in_progress} />
        <Kv label="Failed" value={counts.failed} tone={counts.failed > 0 ? 'text-failed' : ''} />
        <Kv label="Restored" value={counts.restored} />
        <Kv label="Latest completed" value={latest.completed ? `#${latest.completed.id} · ${formatDuration(latest.completed.end_to_end_duration)}` : '–'} />
        <Kv label="Latest savepoint" value={latest.savepoint?.external_path ?? '–'} mono wide />
      </div>
      {stats.history.length === 0 ? (
        <Empty>No checkpoint yet. Jobs checkpoint when they call env.enableCheckpointing(ms); savepoints show here too.</Empty>
      ) : (
        <div class="table-scroll">
          <table class="table table-fixed" data-testid="checkpoint-table">
            <colgroup>
              <col style={{ width: '70px' }} />
              <col style={{ width: '130px' }} />
              <col style={{ width: '100px' }} />
              <col style={{ width: '100px' }} />
              <col style={{ width: '90px' }} />
              <col style={{ width: '90px' }} />
              <col style={{ width: '110px' }} />
              <col />
            </colgroup>
            <thead>
              <tr>
                <th>ID</th>
                <th>Status</th>
                <th>Type</th>
                <th>Triggered</th>
                <th class="num">Duration</th>
                <th class="num">State size</th>
                <th class="num" title="Subtasks that acknowledged">Acked</th>
                <th>Path / failure</th>
              </tr>
            </thead>
            <tbody>
              {stats.history.map((c) => (
                <tr key={`${c.id}-${c.is_savepoint}`} class={`${onSelect ? 'table-click' : ''} ${selected === c.id ? 'row-selected' : ''}`} onClick={() => onSelect?.(c.id)} data-testid="checkpoint-row">
                  <td class="mono">#{c.id}</td>
                  <td>
                    <StateBadge state={c.status} />
                  </td>
                  <td>{c.is_savepoint ? 'Savepoint' : 'Checkpoint'}</td>
                  <td>{formatTime(c.trigger_timestamp)}</td>
                  <td class="num">{formatDuration(c.end_to_end_duration)}</td>
                  <td class="num">{formatBytes(c.state_size)}</td>
                  <td class="num">
                    {c.num_acknowledged_subtasks}/{c.num_subtasks}
                  </td>
                  <td class={`wrap-anywhere ${c.failure_message ? 'text-failed' : 'mono small'}`} title={c.failure_message ?? c.external_path}>
                    {c.failure_message ?? c.external_path ?? '–'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Kv({ label, value, tone = '', mono = false, wide = false }: { label: string; value: string | number; tone?: string; mono?: boolean; wide?: boolean }): JSX.Element {
  return (
    <div class={`kv ${wide ? 'kv-wide' : ''}`}>
      <div class="kv-label">{label}</div>
      <div class={`kv-value ${tone} ${mono ? 'mono small wrap-anywhere' : ''}`} title={String(value)}>
        {value}
      </div>
    </div>
  );
}
