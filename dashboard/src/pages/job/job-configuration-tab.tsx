import type { JSX } from 'preact';
import type { CheckpointConfig, JobConfig } from '../../api/types';
import { Card, Empty } from '../../components/card';
import { formatDuration } from '../../format';
import { usePoll } from '../../hooks/use-poll';

/** What the job runs with: its execution config, arguments, its own settings and its checkpointing after defaults. */
export function JobConfigurationTab({ jobId }: { jobId: string }): JSX.Element {
  const config = usePoll<JobConfig>(`/jobs/${jobId}/config`, 10_000);
  const checkpoints = usePoll<CheckpointConfig>(`/jobs/${jobId}/checkpoints/config`, 10_000);
  const c = config.data;
  const k = checkpoints.data;
  return (
    <div class="grid-2" data-testid="configuration-tab">
      <Card title="Execution">
        {!c ? (
          <Empty>{config.error?.message ?? 'Loading…'}</Empty>
        ) : (
          <KeyValues
            rows={[
              ['Job file', c['job-file']],
              ['Program arguments', c['program-args'].join(' ') || '–'],
              ['Execution mode', c['execution-config']['execution-mode']],
              ['Restart strategy', c['execution-config']['restart-strategy']],
              ['Job parallelism', String(c['execution-config']['job-parallelism'])],
              ...Object.entries(c['execution-config']['user-config']).map(([key, value]): [string, string] => [`--${key}`, value]),
              ...c['job-settings'].map((s): [string, string] => [s.key, s.value]),
            ]}
          />
        )}
      </Card>
      <Card title="Checkpointing">
        {!k ? (
          <Empty>{checkpoints.error?.message ?? 'Loading…'}</Empty>
        ) : (
          <KeyValues
            rows={[
              ['Mode', k.mode === 'exactly_once' ? 'exactly once' : 'at least once'],
              ['Interval', k.interval === 0 ? 'off (savepoints only)' : formatDuration(k.interval)],
              ['Timeout', formatDuration(k.timeout)],
              ['Minimum pause', formatDuration(k.min_pause)],
              ['Maximum concurrent', String(k.max_concurrent)],
              ['Tolerable failed checkpoints', String(k.tolerable_failed_checkpoints)],
              ['Retained checkpoints', String(k.retained_checkpoints)],
              ['State backend', k.state_backend],
              ['Checkpoint storage', k.checkpoint_storage],
            ]}
          />
        )}
      </Card>
    </div>
  );
}

function KeyValues({ rows }: { rows: Array<[string, string]> }): JSX.Element {
  return (
    <table class="table table-kv">
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key}>
            <th>{key}</th>
            <td class="mono small wrap-anywhere">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
