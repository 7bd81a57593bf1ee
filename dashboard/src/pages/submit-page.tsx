import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { RestError, rest } from '../api/rest-client';
import type { PlanNode, UploadedJobFile } from '../api/types';
import { JobGraph } from '../components/job-graph';
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
  const [plan, setPlan] = useState<PlanNode[] | null>(null);

  /** The chosen job file's id, uploading it first if it is a new one. */
  const jobFileId = async (): Promise<string> => {
    if (file) {
      const form = new FormData();
      form.append('jarfile', file, file.name);
      const { filename } = await rest.post<{ filename: string }>('/jars/upload', form);
      const id = filename.split('/').pop()!;
      setFile(null);
      setJarId(id);
      jars.refresh();
      return id;
    }
    if (!jarId) throw new RestError(400, 'Choose a job file to upload, or one uploaded before');
    return jarId;
  };

  const showPlan = async () => {
    setError(null);
    setBusy(true);
    try {
      const id = await jobFileId();
      const query = new URLSearchParams();
      if (parallelism.trim()) query.set('parallelism', parallelism.trim());
      if (args.trim()) query.set('programArg', args.trim());
      const res = await rest.get<{ plan: { nodes: PlanNode[] } }>(`/jars/${id}/plan${query.size > 0 ? `?${query}` : ''}`);
      setPlan(res.plan.nodes);
    } catch (err) {
      setError(err instanceof RestError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    setError(null);
    try {
      await rest.delete(`/jars/${id}`);
      if (jarId === id) (setJarId(null), setPlan(null));
      jars.refresh();
    } catch (err) {
      setError(err instanceof RestError ? err.message : String(err));
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const id = await jobFileId();
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
              <input type="file" accept=".js,.mjs,.cjs,.ts,.mts,.cts" onChange={(e) => (setFile(e.currentTarget.files?.[0] ?? null), setJarId(null), setPlan(null))} />
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
            <div class="button-row">
              <button class="btn" type="button" disabled={busy || (!file && !jarId)} onClick={showPlan} data-testid="show-plan">
                Show plan
              </button>
              <button class="btn btn-primary" type="submit" disabled={busy || (!file && !jarId)}>
                {busy ? 'Working…' : 'Submit'}
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
                  <tr key={f.id} class={jarId === f.id && !file ? 'row-selected' : ''} onClick={() => (setJarId(f.id), setFile(null), setPlan(null))} data-testid="jar-row">
                    <td class="wrap-anywhere">{f.name}</td>
                    <td class="muted small">{formatTime(f.uploaded)}</td>
                    <td class="num nowrap">
                      <button class="btn btn-small" type="button">
                        Use
                      </button>{' '}
                      <button
                        class="btn btn-small btn-danger"
                        type="button"
                        title="Delete this uploaded job file"
                        data-testid="jar-delete"
                        onClick={(e) => {
                          e.stopPropagation();
                          if (confirm(`Delete the uploaded job file ${f.name}?`)) void remove(f.id);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
      {plan && (
        <Card title="Plan" testId="submit-plan" actions={<span class="muted small">the graph the job file builds with these arguments; nothing runs until you submit</span>}>
          <JobGraph plan={plan} vertices={[]} onSelect={() => undefined} />
        </Card>
      )}
    </div>
  );
}
