import type { ServerConfigLoad } from '../common/process-config';
import { InvalidArgumentError } from '../common/errors';
import { type ConfigSchema, parseCommandLine } from '../common/config-schema';
import { loadSecurityConfig, NO_SECURITY, SECURITY_CONFIG_SCHEMA, type SecurityConfig } from '../common/security';
import { LOG_FILE_CONFIG_SCHEMA } from '../common/log-file';

/**
 * The TaskManager's configuration schema. Each key is a flag (`--slots`), a config-file key
 * (`slots`) and an environment variable (`SLUICE_SLOTS`); `jobmanager` is `SLUICE_JOBMANAGER`,
 * the variable the CLI reads too.
 */
export const TASK_MANAGER_CONFIG_SCHEMA = {
  jobmanager: { type: 'string', default: '127.0.0.1:6123', description: 'JobManager RPC address HOST:PORT; several, comma-separated, when JobManagers run with leader election' },
  slots: { type: 'integer', default: 1, min: 1, max: 256, description: 'Task slots, each a worker thread (one core)' },
  host: { type: 'string', default: '127.0.0.1', description: 'Address to bind the RPC, data and health ports to (0.0.0.0: every interface)' },
  'advertised-host': { type: 'string', default: '', description: 'Address the JobManager and other TaskManagers reach this TaskManager at (default: --host; when that is a wildcard such as 0.0.0.0, the address of the host name)' },
  'rpc-port': { type: 'integer', default: 0, min: 0, max: 65535, description: 'TaskExecutor gRPC port (0 picks a free port)' },
  'data-port': { type: 'integer', default: 0, min: 0, max: 65535, description: 'First data port: slot i listens on data-port + i (0 picks free ports)' },
  'health-port': { type: 'integer', default: 0, min: 0, max: 65535, description: 'HTTP port for GET /healthz and GET /readyz (0: no health server)' },
  id: { type: 'string', default: '', description: 'Resource id shown in REST and logs (default: generated)' },
  'shutdown-timeout-ms': { type: 'integer', default: 10_000, min: 1, description: 'On SIGTERM, how long to wait for tasks to stop before exiting anyway' },
  'storage-timeout-ms': { type: 'integer', default: 60_000, min: 1, description: 'Bound on one checkpoint storage operation of a task; one that takes longer declines the checkpoint (docs/errors.md)' },
  ...LOG_FILE_CONFIG_SCHEMA,
  ...SECURITY_CONFIG_SCHEMA,
} as const satisfies ConfigSchema;

export const TASK_MANAGER_PROGRAM = { program: 'sluice-taskmanager', summary: 'Starts a TaskManager: registers its slots with the JobManager and runs the subtasks deployed to them.' } as const;

/** The TaskManager's configuration, normalized once at start-up. */
export interface TaskManagerConfig {
  /** JobManager RPC address(es), comma-separated when JobManagers run with leader election. @default 127.0.0.1:6123 */
  readonly jobManager: string;
  /** Slots, each a worker thread. @default 1 */
  readonly slots: number;
  /** Interface for RPC, data and health ports. @default 127.0.0.1 */
  readonly host: string;
  /** Address advertised to the JobManager for RPC and data; empty: derived from `host` at start-up. */
  readonly advertisedHost: string;
  /** TaskExecutorGateway port; 0 picks a free one. @default 0 */
  readonly rpcPort: number;
  /** First data port (slot i listens on dataPort + i); 0 picks free ones. @default 0 */
  readonly dataPort: number;
  /** HTTP health port; 0: none. @default 0 */
  readonly healthPort: number;
  /** Resource id; generated when empty. */
  readonly id: string;
  /** Bound on a graceful stop. @default 10000 */
  readonly shutdownTimeoutMs: number;
  /** Auth token and TLS for its servers and for calls to the JobManager and other TaskManagers (docs/security.md). */
  readonly security: SecurityConfig;
  /** Bound on one checkpoint storage operation, in every slot. @default 60000 */
  readonly storageTimeoutMs: number;
  /** File the log (the slot workers' too) is also appended to; empty: stderr only. @default '' */
  readonly logFile: string;
}

export type TaskManagerConfigLoad = ServerConfigLoad<TaskManagerConfig>;

/** defaults → config file (YAML or JSON) → `SLUICE_*` environment → flags. */
export function loadTaskManagerConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): TaskManagerConfigLoad {
  const parsed = parseCommandLine(TASK_MANAGER_CONFIG_SCHEMA, TASK_MANAGER_PROGRAM, argv, env);
  if (parsed.kind !== 'config') return parsed;
  const v = parsed.values;
  return {
    kind: 'config',
    config: normalizeTaskManagerConfig({
      jobManager: v.jobmanager,
      slots: v.slots,
      host: v.host,
      advertisedHost: v['advertised-host'],
      rpcPort: v['rpc-port'],
      dataPort: v['data-port'],
      healthPort: v['health-port'],
      id: v.id,
      shutdownTimeoutMs: v['shutdown-timeout-ms'],
      security: loadSecurityConfig(v),
      storageTimeoutMs: v['storage-timeout-ms'],
      logFile: v['log-file'],
    }),
  };
}

/** Fills defaults for in-process use and checks what one option alone cannot. */
export function normalizeTaskManagerConfig(partial: Partial<TaskManagerConfig> = {}): TaskManagerConfig {
  const d = TASK_MANAGER_CONFIG_SCHEMA;
  const config: TaskManagerConfig = {
    jobManager: partial.jobManager ?? d.jobmanager.default,
    slots: partial.slots ?? d.slots.default,
    host: partial.host ?? d.host.default,
    advertisedHost: partial.advertisedHost ?? d['advertised-host'].default,
    rpcPort: partial.rpcPort ?? d['rpc-port'].default,
    dataPort: partial.dataPort ?? d['data-port'].default,
    healthPort: partial.healthPort ?? d['health-port'].default,
    id: partial.id ?? d.id.default,
    shutdownTimeoutMs: partial.shutdownTimeoutMs ?? d['shutdown-timeout-ms'].default,
    security: partial.security ?? NO_SECURITY,
    storageTimeoutMs: partial.storageTimeoutMs ?? d['storage-timeout-ms'].default,
    logFile: partial.logFile ?? '',
  };
  for (const address of config.jobManager.split(','))
    if (!/^(\[[0-9a-fA-F:.]+\]|[^:,[\]\s]+):\d{1,5}$/.test(address.trim()))
      throw new InvalidArgumentError(`jobmanager must be HOST:PORT (several: HOST:PORT,HOST:PORT), got '${config.jobManager}'`);
  if (config.dataPort !== 0 && config.dataPort + config.slots - 1 > 65535)
    throw new InvalidArgumentError(`data-port ${config.dataPort} with ${config.slots} slots needs ports up to ${config.dataPort + config.slots - 1}, above 65535`);
  const fixed = [config.rpcPort, config.healthPort].filter((p) => p !== 0);
  const dataPorts = config.dataPort === 0 ? [] : Array.from({ length: config.slots }, (_, i) => config.dataPort + i);
  for (const p of fixed)
    if (dataPorts.includes(p) || fixed.indexOf(p) !== fixed.lastIndexOf(p))
      throw new InvalidArgumentError(`port ${p} is given to more than one of rpc-port, health-port and the data ports (data-port .. data-port + slots - 1)`);
  return Object.freeze(config);
}
