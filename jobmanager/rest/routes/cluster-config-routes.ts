import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { JOB_MANAGER_CONFIG_SCHEMA } from '../../config';
import { sluiceVersion } from '../../../common/version';
import type { RestBackend } from '../rest-server';

const ConfigEntries = Type.Array(Type.Object({ key: Type.String(), value: Type.String() }));

export const DashboardConfig = Type.Object({
  'refresh-interval': Type.Integer(),
  'timezone-name': Type.String(),
  'timezone-offset': Type.Integer(),
  'sluice-version': Type.String(),
  'sluice-revision': Type.String(),
  features: Type.Object({ 'web-submit': Type.Boolean(), 'web-cancel': Type.Boolean(), 'web-savepoint': Type.Boolean() }),
  /** The JobManager has an auth token: mutations need `Authorization: Bearer` (the dashboard asks for it). */
  'auth-required': Type.Boolean(),
});

/**
 * The effective configuration under the schema's keys (`heartbeat-interval-ms`), read from the
 * normalized configuration's camelCase fields, so keys added to the schema show up by themselves.
 */
export function configEntries(config: object): Array<{ key: string; value: string }> {
  const values = config as Record<string, unknown>;
  return Object.keys(JOB_MANAGER_CONFIG_SCHEMA)
    .map((key) => ({ key, field: key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) }))
    .filter(({ field }) => values[field] !== undefined)
    .map(({ key, field }) => ({ key, value: String(values[field]) }));
}

/**
 * GET /jobmanager/config (Flink's list of key/value pairs: the JobManager's effective
 * configuration) and GET /config (what Flink's web UI reads first: refresh interval,
 * version, the features it may offer and whether mutations need the auth token).
 */
export function registerClusterConfigRoutes(app: FastifyInstance, backend: RestBackend, refreshIntervalMs: number): void {
  app.get('/jobmanager/config', { schema: { response: { 200: ConfigEntries } } }, async (): Promise<Static<typeof ConfigEntries>> => configEntries(backend.config));

  app.get('/config', { schema: { response: { 200: DashboardConfig } } }, async (): Promise<Static<typeof DashboardConfig>> => {
    const offsetMinutes = -new Date().getTimezoneOffset();
    return {
      'refresh-interval': refreshIntervalMs,
      'timezone-name': Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
      'timezone-offset': offsetMinutes * 60_000,
      'sluice-version': sluiceVersion(),
      'sluice-revision': '',
      features: { 'web-submit': true, 'web-cancel': true, 'web-savepoint': true },
      'auth-required': backend.config.security.token !== '',
    };
  });
}
