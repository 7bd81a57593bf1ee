/**
 * The dashboard's only way to the JobManager: same-origin REST calls. Errors carry the
 * server's `{"errors": [...]}` message so the UI can show it as is.
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
  const init: RequestInit = { method, headers: { accept: 'application/json' } };
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
    throw new RestError(res.status, errors?.join('; ') || `${method} ${path} failed with ${res.status}`);
  }
  return json as T;
}

export const rest = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string) => request<T>('PATCH', path),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
