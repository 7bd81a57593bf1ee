import type { JSX } from 'preact';
import type { CheckpointStats } from '../api/types';
import { formatBytes, formatDuration, formatTime } from '../format';
import { Empty } from './card';
import { StateBadge } from './state-badge';

/** Counts and the history of checkpoints and savepoints, newest first. */
export function CheckpointTable({ stats }: { stats?: CheckpointStats }): JSX.Element {
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
        <Kv label="Latest savepoint" value={latest.savepoint?.external_path ?? '–'} mono />
      </div>
      {stats.history.length === 0 ? (
        <Empty>No checkpoint yet. Jobs checkpoint when they call env.enableCheckpointing(ms); savepoints show here too.</Empty>
      ) : (
        <div class="table-scroll">
          <table class="table" data-testid="checkpoint-table">
            <thead>
              <tr>
                <th>ID</th>
                <th>Status</th>
                <th>Type</th>
                <th>Triggered</th>
                <th class="num">Duration</th>
                <th class="num">State size</th>
                <th class="num">Acknowledged</th>
                <th>Path / failure</th>
              </tr>
            </thead>
            <tbody>
              {stats.history.map((c) => (
                <tr key={`${c.id}-${c.is_savepoint}`}>
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
                  <td class={`truncate ${c.failure_message ? 'text-failed' : 'mono small'}`} title={c.failure_message ?? c.external_path}>
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

function Kv({ label, value, tone = '', mono = false }: { label: string; value: string | number; tone?: string; mono?: boolean }): JSX.Element {
  return (
    <div class="kv">
      <div class="kv-label">{label}</div>
      <div class={`kv-value ${tone} ${mono ? 'mono small truncate' : ''}`} title={String(value)}>
        {value}
      </div>
    </div>
  );
}
