import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { authToken, onAuthEvent, setAuthToken } from '../api/auth-token';
import { KeyIcon } from './icons';
import { Modal } from './modal';

/**
 * The header's "Auth token" control. A JobManager with a token (its /config says
 * `auth-required`) refuses mutations without it; here the user enters the token once per tab
 * and every later request carries it (api/auth-token.ts). A 401 opens the dialog with the
 * server's message. Without a token on the cluster the control stays hidden.
 */
export function AuthControl({ required }: { required: boolean }): JSX.Element | null {
  const [hasToken, setHasToken] = useState(() => authToken() !== '');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [refusedOnce, setRefusedOnce] = useState(false);

  useEffect(
    () =>
      onAuthEvent((e) => {
        setHasToken(authToken() !== '');
        if (e.kind === 'refused') {
          setRefusal(e.message);
          setRefusedOnce(true);
          setOpen(true);
        }
      }),
    [],
  );

  if (!required && !hasToken && !refusedOnce) return null;
  return (
    <>
      <button class={`btn btn-small auth-button ${hasToken ? 'auth-set' : 'auth-missing'}`} onClick={() => setOpen(true)} data-testid="auth-button" data-state={hasToken ? 'set' : 'missing'}>
        <KeyIcon /> {hasToken ? 'Auth token set' : 'Auth token'}
      </button>
      {open && (
        <TokenDialog
          refusal={refusal}
          hasToken={hasToken}
          onClose={() => {
            setOpen(false);
            setRefusal(null);
          }}
        />
      )}
    </>
  );
}

function TokenDialog({ refusal, hasToken, onClose }: { refusal: string | null; hasToken: boolean; onClose(): void }): JSX.Element {
  const [value, setValue] = useState('');
  return (
    <Modal title="Cluster auth token" onClose={onClose} testId="auth-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim() === '') return;
          setAuthToken(value);
          onClose();
        }}
      >
        {refusal && (
          <div class="banner banner-error" role="alert" data-testid="auth-refusal">
            {refusal}
          </div>
        )}
        <p class="muted">
          This cluster needs its shared secret to cancel, stop, savepoint, submit and delete. It is kept in this browser tab only (session storage) and sent as{' '}
          <code>Authorization: Bearer</code>; closing the tab forgets it.
        </p>
        <label class="field">
          <span>Auth token</span>
          <input type="password" autocomplete="off" value={value} placeholder={hasToken ? 'A token is set; enter a new one to replace it' : 'The contents of the cluster\u2019s auth token file'} onInput={(e) => setValue(e.currentTarget.value)} data-testid="auth-input" />
        </label>
        <div class="modal-buttons">
          {hasToken && (
            <button
              type="button"
              class="btn"
              onClick={() => {
                setAuthToken('');
                onClose();
              }}
              data-testid="auth-forget"
            >
              Forget token
            </button>
          )}
          <button type="button" class="btn" onClick={onClose}>
            Close
          </button>
          <button type="submit" class="btn btn-primary" disabled={value.trim() === ''} data-testid="auth-save">
            Use token
          </button>
        </div>
      </form>
    </Modal>
  );
}
