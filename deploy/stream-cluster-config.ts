import { type ConfigSchema, type ConfigValues, envVarName } from '../common/config-schema';
import { SECURITY_CONFIG_SCHEMA } from '../common/security';

/**
 * `stream-cluster start`'s options: flags, config-file keys and `SLUICE_*` variables, as for
 * the processes it starts. The host and security options are the JobManager's and
 * TaskManager's own (docs/security.md) and are handed to every process it starts.
 */
export const STREAM_CLUSTER_CONFIG_SCHEMA = {
  taskmanagers: { type: 'integer', default: 2, min: 1, max: 64, description: 'Number of TaskManager processes' },
  slots: { type: 'integer', default: 2, min: 1, max: 256, description: 'Slots per TaskManager' },
  'rpc-port': { type: 'integer', default: 6123, min: 0, max: 65535, description: 'JobManager gRPC port (0 picks a free port)' },
  'rest-port': { type: 'integer', default: 8081, min: 0, max: 65535, description: 'JobManager REST port (0 picks a free port)' },
  'data-dir': { type: 'string', default: './data', description: 'JobManager data directory (HA store, checkpoints, savepoints) and where the cluster\'s pid file lives' },
  demo: { type: 'boolean', default: false, description: 'Also submit the demo word count job (resumed instead when it is still in the HA store)' },
  host: { type: 'string', default: '127.0.0.1', description: 'Address the JobManager and TaskManagers bind (0.0.0.0: every interface, which needs an auth token)' },
  'advertised-host': { type: 'string', default: '', description: 'Address the processes advertise to each other and to clients (default: derived from --host as each process does)' },
  ...SECURITY_CONFIG_SCHEMA,
} as const satisfies ConfigSchema;

export type StreamClusterOptions = ConfigValues<typeof STREAM_CLUSTER_CONFIG_SCHEMA>;

/** How the cluster's processes are started: their flags and their environment. */
export interface ClusterLaunch {
  /** Flags every JobManager and TaskManager gets (host and security). */
  readonly sharedArgs: readonly string[];
  /** Environment of the JobManager and TaskManagers. */
  readonly serverEnv: NodeJS.ProcessEnv;
  /** Environment of the demo's `stream-submit` (the CLI reads credentials from the environment only). */
  readonly clientEnv: NodeJS.ProcessEnv;
}

const CLIENT_SECURITY_VARIABLES = ['SLUICE_AUTH_TOKEN', 'SLUICE_AUTH_TOKEN_FILE', 'SLUICE_TLS_CA'];

/**
 * Every option reaches the processes explicitly, so none of `stream-cluster`'s own `SLUICE_*`
 * variables leaks into them with another meaning (`SLUICE_RPC_PORT` is the JobManager's port
 * here, but a TaskManager's own RPC port for a TaskManager, which then could not bind it).
 * The token itself travels in the environment, never on a command line; files by path.
 */
export function clusterLaunch(values: StreamClusterOptions, env: NodeJS.ProcessEnv): ClusterLaunch {
  const inherited: NodeJS.ProcessEnv = { ...env };
  for (const key of Object.keys(STREAM_CLUSTER_CONFIG_SCHEMA)) delete inherited[envVarName(key)];
  for (const name of CLIENT_SECURITY_VARIABLES) delete inherited[name];

  const sharedArgs = ['--host', values.host];
  if (values['advertised-host']) sharedArgs.push('--advertised-host', values['advertised-host']);
  for (const key of ['auth-token-file', 'tls-cert', 'tls-key', 'tls-ca'] as const) if (values[key]) sharedArgs.push(`--${key}`, values[key]);
  if (values['insecure-allow-unauthenticated']) sharedArgs.push('--insecure-allow-unauthenticated');

  const serverEnv: NodeJS.ProcessEnv = { ...inherited };
  if (values['auth-token']) serverEnv.SLUICE_AUTH_TOKEN = values['auth-token'];
  const clientEnv: NodeJS.ProcessEnv = { ...inherited };
  if (values['auth-token']) clientEnv.SLUICE_AUTH_TOKEN = values['auth-token'];
  if (values['auth-token-file']) clientEnv.SLUICE_AUTH_TOKEN_FILE = values['auth-token-file'];
  if (values['tls-ca']) clientEnv.SLUICE_TLS_CA = values['tls-ca'];
  return { sharedArgs, serverEnv, clientEnv };
}

/** The variables a shell needs for `stream-submit` against this cluster, for the start-up banner (never the token itself). */
export function clientEnvHint(values: StreamClusterOptions): string {
  const parts: string[] = [];
  if (values['auth-token-file']) parts.push(`SLUICE_AUTH_TOKEN_FILE=${values['auth-token-file']}`);
  else if (values['auth-token']) parts.push('SLUICE_AUTH_TOKEN=<the token>');
  if (values['tls-ca']) parts.push(`SLUICE_TLS_CA=${values['tls-ca']}`);
  return parts.map((p) => p + ' ').join('');
}
