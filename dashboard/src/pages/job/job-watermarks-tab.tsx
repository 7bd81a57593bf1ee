import type { JSX } from 'preact';
import type { JobDetail, VertexDetail } from '../../api/types';
import { Card, Empty } from '../../components/card';
import { formatWatermark } from '../../format';
import { usePoll } from '../../hooks/use-poll';

/**
 * Each vertex's subtasks with the event time their input has reached, as dates: sources have
 * none (Flink shows no input watermark for them), "idle" when every input is idle.
 */
export function JobWatermarksTab({ job }: { job: JobDetail }): JSX.Element {
  return (
    <div class="stack" data-testid="watermarks-tab">
      {job.vertices.map((v) => (
        <VertexWatermarks key={v.id} jobId={job.jid} vertexId={v.id} name={v.name} lowest={v['current-watermark']} />
      ))}
    </div>
  );
}

function VertexWatermarks({ jobId, vertexId, name, lowest }: { jobId: string; vertexId: string; name: string; lowest: number | null }): JSX.Element {
  const { data } = usePoll<VertexDetail>(`/jobs/${jobId}/vertices/${vertexId}`);
  return (
    <Card
      title={<span class="wrap-anywhere">{name}</span>}
      actions={
        <span class="small nowrap">
          lowest: <strong data-testid="vertex-watermark">{formatWatermark(lowest)}</strong>
        </span>
      }
      testId="vertex-watermarks"
    >
      {!data ? (
        <Empty>Loading…</Empty>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th style={{ width: '80px' }}>Subtask</th>
              <th>Current input watermark</th>
              <th class="num">Epoch ms</th>
            </tr>
          </thead>
          <tbody>
            {data.subtasks.map((s) => (
              <tr key={s.subtask} data-testid="subtask-watermark">
                <td class="mono">{s.subtask + 1}</td>
                <td class={s['current-watermark'] === null ? 'muted' : ''}>{formatWatermark(s['current-watermark'], s['watermark-idle'])}</td>
                <td class="num mono small">{s['current-watermark'] ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
