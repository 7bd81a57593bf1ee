import { announce, authHeaders } from './auth-token';

/**
 * The dashboard's only way to the JobManager: same-origin REST calls, with the tab's auth
 * token when one is set. Errors carry the server's `{"errors": [...]}` message so the UI can
 * show it as is; a 401 also tells the header's token control to ask for the token.
 */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { accept: 'application/json', ...authHeaders() } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new RestError(0, 'The JobManager is not reachable');
  }
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const errors = (json as { errors?: string[] } | undefined)?.errors;
    const message = errors?.join('; ') || `${method} ${path} failed with ${res.status}`;
    if (res.status === 401) {
      announce({ kind: 'refused', message });
      throw new RestError(401, `${message}. Enter the token with the "Auth token" button at the top of the page, then try again.`);
    }
    throw new RestError(res.status, message);
  }
  return json as T;
}

export const rest = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string) => request<T>('PATCH', path),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
