import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { RestError, rest } from '../api/rest-client';
import type { UploadedJobFile } from '../api/types';
import { Card, Empty, ErrorBanner } from '../components/card';
import { PageHeader } from '../components/layout';
import { formatTime } from '../format';
import { usePoll } from '../hooks/use-poll';

/** Upload a job file and run it (POST /jars/upload, POST /jars/:id/run): submission without the CLI. */
export function SubmitPage(): JSX.Element {
  const jars = usePoll<{ files: UploadedJobFile[] }>('/jars', 5_000);
  const [file, setFile] = useState<File | null>(null);
  const [jarId, setJarId] = useState<string | null>(null);
  const [parallelism, setParallelism] = useState('');
  const [args, setArgs] = useState('');
  const [savepoint, setSavepoint] = useState('');
  const [allowNonRestored, setAllowNonRestored] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      let id = jarId;
      if (file) {
        const form = new FormData();
        form.append('jarfile', file, file.name);
        const { filename } = await rest.post<{ filename: string }>('/jars/upload', form);
        id = filename.split('/').pop()!;
        jars.refresh();
      }
      if (!id) throw new RestError(400, 'Choose a job file to upload, or one uploaded before');
      const p = parallelism.trim() ? Number(parallelism) : undefined;
      const { jobid } = await rest.post<{ jobid: string }>(`/jars/${id}/run`, {
        ...(p !== undefined ? { parallelism: p } : {}),
        programArgs: args,
        ...(savepoint.trim() ? { savepointPath: savepoint.trim() } : {}),
        allowNonRestoredState: allowNonRestored,
      });
      location.hash = `#/jobs/${jobid}`;
    } catch (err) {
      setError(err instanceof RestError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader title="Submit job" subtitle="Upload a job file (a module whose default export builds the pipeline) and run it" />
      <div class="grid-2">
        <Card title="New job">
          <form class="form" onSubmit={submit}>
            <label class="field">
              <span>Job file</span>
              <input type="file" accept=".js,.mjs,.cjs,.ts,.mts,.cts" onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setJarId(null))} />
              {jarId && !file && <span class="muted small">Using uploaded file {jarId.slice(37)}</span>}
            </label>
            <div class="field-row">
              <label class="field">
                <span>Parallelism</span>
                <input type="number" min="1" placeholder="The job's default" value={parallelism} onInput={(e) => setParallelism(e.currentTarget.value)} />
              </label>
              <label class="field grow">
                <span>Program arguments</span>
                <input type="text" placeholder="--port 9999" value={args} onInput={(e) => setArgs(e.currentTarget.value)} />
              </label>
            </div>
            <label class="field">
              <span>Restore from savepoint</span>
              <input type="text" placeholder="Optional savepoint path" value={savepoint} onInput={(e) => setSavepoint(e.currentTarget.value)} />
            </label>
            <label class="check">
              <input type="checkbox" checked={allowNonRestored} onChange={(e) => setAllowNonRestored(e.currentTarget.checked)} />
              Allow non-restored state (drop state of operators the job no longer has)
            </label>
            {error && <ErrorBanner message={error} />}
            <div>
              <button class="btn btn-primary" type="submit" disabled={busy || (!file && !jarId)}>
                {busy ? 'Submitting…' : 'Submit'}
              </button>
            </div>
          </form>
        </Card>
        <Card title="Uploaded job files">
          {(jars.data?.files ?? []).length === 0 ? (
            <Empty>No uploads yet.</Empty>
          ) : (
            <table class="table table-click">
              <tbody>
                {jars.data!.files.map((f) => (
                  <tr key={f.id} class={jarId === f.id && !file ? 'row-selected' : ''} onClick={() => (setJarId(f.id), setFile(null))}>
                    <td>{f.name}</td>
                    <td class="muted small">{formatTime(f.uploaded)}</td>
                    <td class="num">
                      <button class="btn btn-small" type="button">
                        Use
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
    </div>
  );
}
