/** A `redis://host[:port][/db][/path]` location, as checkpoint storage, the HA store and leader election use it. */
export interface RedisLocation {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  /** `redis://host:port/db`: one server and database (one client). */
  readonly base: string;
  /** The rest, '' or starting with '/'; no trailing slash. */
  readonly path: string;
}

/**
 * Reads a redis:// location (WHATWG URL parsing), filling in Redis's defaults (port 6379,
 * db 0); undefined when it is not one.
 */
export function parseRedisLocation(location: string): RedisLocation | undefined {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'redis:' || !url.hostname || url.username || url.password || url.search || url.hash) return undefined;
  const port = url.port === '' ? 6379 : Number(url.port);
  const [, dbPart = '', ...rest] = url.pathname.split('/');
  if (dbPart !== '' && !/^\d+$/.test(dbPart)) return undefined;
  const db = dbPart === '' ? 0 : Number(dbPart);
  const host = url.hostname;
  const path = rest.length > 0 ? `/${rest.join('/')}`.replace(/\/+$/, '') : '';
  return { host, port, db, base: `redis://${host}:${port}/${db}`, path };
}
