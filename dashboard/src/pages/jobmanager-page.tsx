import type { JSX } from 'preact';
import { Card, Empty } from '../components/card';
import { PageHeader } from '../components/layout';
import { LogView } from '../components/log-view';
import { usePoll } from '../hooks/use-poll';

/** The JobManager's effective configuration and its latest log lines. */
export function JobManagerPage(): JSX.Element {
  const config = usePoll<Array<{ key: string; value: string }>>('/jobmanager/config', 30_000);
  return (
    <div>
      <PageHeader title="JobManager" subtitle="Configuration and log" />
      <Card title="Log" actions={<span class="muted small">the latest lines, kept in memory; they also go to its stderr</span>}>
        <LogView path="/jobmanager/log" testId="jobmanager-log" empty="No log lines yet." />
      </Card>
      <Card title="Configuration">
        {!config.data ? (
          <Empty>Loading…</Empty>
        ) : (
          <table class="table table-kv">
            <tbody>
              {config.data.map((e) => (
                <tr key={e.key}>
                  <th class="mono">{e.key}</th>
                  <td class="mono small wrap-anywhere">{e.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
