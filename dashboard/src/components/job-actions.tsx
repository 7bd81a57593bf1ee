import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { RestError, rest } from '../api/rest-client';
import type { SavepointStatus } from '../api/types';
import { CancelIcon, SavepointIcon, StopIcon } from './icons';
import { Modal } from './modal';

type OperationKind = 'savepoint' | 'stop';

interface Operation {
  kind: OperationKind;
  requestId: string;
  startedAt: number;
  status: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  detail?: string;
}

/** Savepoint operations started from this browser, per job, kept while the page is open. */
const operationsByJob = new Map<string, Operation[]>();

/**
 * Cancel, trigger a savepoint, stop with a savepoint. Savepoints are asynchronous operations
 * on the JobManager: the request id is polled until the savepoint completed with its path or
 * failed with its cause, and each shows in a list under the buttons.
 */
export function JobActions({ jobId, jobName, ended, onChanged }: { jobId: string; jobName: string; ended: boolean; onChanged(): void }): JSX.Element {
  const [dialog, setDialog] = useState<'savepoint' | 'stop' | 'cancel' | null>(null);
  const [ops, setOps] = useState<Operation[]>(() => operationsByJob.get(jobId) ?? []);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    operationsByJob.set(jobId, ops);
  }, [jobId, ops]);

  const pending = ops.filter((o) => o.status === 'IN_PROGRESS').map((o) => o.requestId).join(',');
  useEffect(() => {
    if (!pending) return;
    let alive = true;
    const timer = setInterval(async () => {
      for (const id of pending.split(',')) {
        try {
          const s = await rest.get<SavepointStatus>(`/jobs/${jobId}/savepoints/${id}`);
          if (!alive || s.status.id !== 'COMPLETED') continue;
          const failure = s.operation?.['failure-cause'];
          setOps((list) => list.map((o) => (o.requestId === id ? { ...o, status: failure ? 'FAILED' : 'COMPLETED', detail: failure ? failure['stack-trace'] : s.operation?.location } : o)));
          onChanged();
        } catch (err) {
          if (alive) setOps((list) => list.map((o) => (o.requestId === id ? { ...o, status: 'FAILED', detail: (err as Error).message } : o)));
        }
      }
    }, 500);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [jobId, pending, onChanged]);

  const start = async (kind: OperationKind, body: Record<string, unknown>) => {
    setDialog(null);
    setError(null);
    try {
      const url = kind === 'stop' ? `/jobs/${jobId}/stop` : `/jobs/${jobId}/savepoints`;
      const { 'request-id': requestId } = await rest.post<{ 'request-id': string }>(url, body);
      setOps((list) => [{ kind, requestId, startedAt: Date.now(), status: 'IN_PROGRESS' as const }, ...list].slice(0, 5));
    } catch (err) {
      setError(err instanceof RestError ? err.message : String(err));
    }
  };

  const cancel = async () => {
    setDialog(null);
    setError(null);
    try {
      await rest.patch(`/jobs/${jobId}?mode=cancel`);
      onChanged();
    } catch (err) {
      setError(err instanceof RestError ? err.message : String(err));
    }
  };

  return (
    <div class="job-actions">
      <div class="btn-row">
        <button class="btn" disabled={ended} onClick={() => setDialog('savepoint')} data-testid="savepoint-button">
          <SavepointIcon /> Trigger savepoint
        </button>
        <button class="btn" disabled={ended} onClick={() => setDialog('stop')} data-testid="stop-button">
          <StopIcon /> Stop with savepoint
        </button>
        <button class="btn btn-danger-outline" disabled={ended} onClick={() => setDialog('cancel')} data-testid="cancel-button">
          <CancelIcon /> Cancel job
        </button>
      </div>
      {error && (
        <div class="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {ops.length > 0 && (
        <ul class="ops" data-testid="savepoint-operations">
          {ops.map((o) => (
            <li key={o.requestId} class={`op op-${o.status.toLowerCase()}`} data-testid="savepoint-status" data-status={o.status}>
              <span class="op-icon">{o.status === 'IN_PROGRESS' ? <span class="spinner" /> : o.status === 'COMPLETED' ? '✓' : '✕'}</span>
              <span class="op-text">
                <strong>{o.kind === 'stop' ? 'Stop with savepoint' : 'Savepoint'}</strong>{' '}
                {o.status === 'IN_PROGRESS' ? 'in progress…' : o.status === 'COMPLETED' ? 'completed' : 'failed'}
                {o.detail && (
                  <span class={`op-detail ${o.status === 'COMPLETED' ? 'mono' : ''}`} data-testid={o.status === 'COMPLETED' ? 'savepoint-location' : 'savepoint-failure'}>
                    {o.detail}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {dialog === 'savepoint' && <SavepointDialog kind="savepoint" onClose={() => setDialog(null)} onSubmit={(dir, flag) => start('savepoint', { ...(dir ? { 'target-directory': dir } : {}), 'cancel-job': flag })} />}
      {dialog === 'stop' && <SavepointDialog kind="stop" onClose={() => setDialog(null)} onSubmit={(dir, flag) => start('stop', { ...(dir ? { targetDirectory: dir } : {}), drain: flag })} />}
      {dialog === 'cancel' && (
        <Modal title="Cancel job" onClose={() => setDialog(null)}>
          <p>
            Cancel <strong>{jobName}</strong>? Its tasks stop without a savepoint; state since the last checkpoint is lost.
          </p>
          <div class="modal-buttons">
            <button class="btn" onClick={() => setDialog(null)}>
              Keep running
            </button>
            <button class="btn btn-danger" onClick={cancel} data-testid="cancel-confirm">
              Cancel job
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}

function SavepointDialog({ kind, onClose, onSubmit }: { kind: OperationKind; onClose(): void; onSubmit(dir: string, flag: boolean): void }): JSX.Element {
  const [dir, setDir] = useState('');
  const [flag, setFlag] = useState(false);
  const stop = kind === 'stop';
  return (
    <Modal title={stop ? 'Stop with savepoint' : 'Trigger savepoint'} onClose={onClose} testId="savepoint-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit(dir.trim(), flag);
        }}
      >
        <label class="field">
          <span>Target directory</span>
          <input type="text" value={dir} placeholder="Default: the cluster's savepoint directory" onInput={(e) => setDir(e.currentTarget.value)} />
        </label>
        <label class="check">
          <input type="checkbox" checked={flag} onChange={(e) => setFlag(e.currentTarget.checked)} />
          {stop ? 'Drain: advance event time to the end before stopping' : 'Cancel the job once the savepoint completed'}
        </label>
        <div class="modal-buttons">
          <button type="button" class="btn" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="btn btn-primary" data-testid="savepoint-confirm">
            {stop ? 'Stop job' : 'Trigger savepoint'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
