/**
 * The cluster's auth token as this browser tab knows it (docs/security.md). The REST API asks
 * for `Authorization: Bearer <token>` on every mutation when the JobManager has a token; the
 * dashboard sends the same header. The token is kept in sessionStorage: it lives as long as
 * the tab, is never written to disk by the page, and other sites cannot read it. It is never
 * put in a URL or a cookie, so no request the browser makes on its own carries it.
 */
const STORAGE_KEY = 'sluice.auth-token';
/** Fired on window when the token changes or the JobManager answered 401. */
export const AUTH_EVENT = 'sluice-auth';

export type AuthEventDetail = { readonly kind: 'changed' } | { readonly kind: 'refused'; readonly message: string };

export function authToken(): string {
  try {
    return sessionStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return ''; // storage disabled by the browser: no token
  }
}

/** Stores the token for this tab; an empty one forgets it. */
export function setAuthToken(token: string): void {
  const trimmed = token.trim();
  try {
    if (trimmed) sessionStorage.setItem(STORAGE_KEY, trimmed);
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // storage disabled: nothing to keep
  }
  announce({ kind: 'changed' });
}

/** The header to add to a request: none without a token. */
export function authHeaders(): Record<string, string> {
  const token = authToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

export function announce(detail: AuthEventDetail): void {
  window.dispatchEvent(new CustomEvent<AuthEventDetail>(AUTH_EVENT, { detail }));
}

export function onAuthEvent(listener: (detail: AuthEventDetail) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<AuthEventDetail>).detail);
  window.addEventListener(AUTH_EVENT, handler);
  return () => window.removeEventListener(AUTH_EVENT, handler);
}
