import type { ServerConfigLoad } from '../common/process-config';
import * as path from 'node:path';
import { InvalidArgumentError } from '../common/errors';
import { normalizeLocation } from '../common/checkpoint/storage-backend';
import { type ConfigSchema, parseCommandLine } from '../common/config-schema';
import { loadSecurityConfig, NO_SECURITY, SECURITY_CONFIG_SCHEMA, type SecurityConfig } from '../common/security';
import { LOG_FILE_CONFIG_SCHEMA } from '../common/log-file';

/**
 * The JobManager's configuration schema. Each key is a flag (`--rpc-port`), a config-file key
 * (`"rpc-port"`) and an environment variable (`SLUICE_RPC_PORT`).
 */
export const JOB_MANAGER_CONFIG_SCHEMA = {
  host: { type: 'string', default: '127.0.0.1', description: 'Address to bind the RPC and REST servers to (0.0.0.0: every interface)' },
  'advertised-host': { type: 'string', default: '', description: 'Address TaskManagers, clients and standby JobManagers reach this JobManager at (default: --host; when that is a wildcard such as 0.0.0.0, the address of the host name)' },
  'rpc-port': { type: 'integer', default: 6123, min: 0, max: 65535, description: 'gRPC port (0 picks a free port)' },
  'rest-port': { type: 'integer', default: 8081, min: 0, max: 65535, description: 'REST port (0 picks a free port)' },
  'data-dir': { type: 'string', default: './data', description: 'Directory for the JobManager\'s files' },
  'slot-request-timeout-ms': { type: 'integer', default: 10_000, min: 1, description: 'How long a job waits for enough free slots before it fails' },
  'heartbeat-interval-ms': { type: 'integer', default: 1_000, min: 1, description: 'How often TaskManagers send heartbeats' },
  'heartbeat-timeout-ms': { type: 'integer', default: 10_000, min: 1, description: 'A TaskManager silent for this long is lost' },
  'cancel-timeout-ms': { type: 'integer', default: 5_000, min: 1, description: 'How long cancellation waits for tasks to confirm' },
  'checkpoint-timeout-ms': { type: 'integer', default: 600_000, min: 1, description: 'Default checkpoint timeout of jobs (Flink: 10 min)' },
  'checkpoint-min-pause-ms': { type: 'integer', default: 0, min: 0, description: 'Default minimum pause between checkpoints' },
  'checkpoint-max-concurrent': { type: 'integer', default: 1, min: 1, description: 'Default maximum of concurrent checkpoints' },
  'checkpoint-tolerable-failures': { type: 'integer', default: 0, min: 0, description: 'Default consecutive failed checkpoints tolerated before a job fails over' },
  'checkpoint-retained': { type: 'integer', default: 1, min: 1, description: 'Default number of completed checkpoints kept' },
  'checkpoint-storage': { type: 'string', default: '', description: 'Default checkpoint storage of jobs: file:///dir or redis://host:port/db (default: <data-dir>/checkpoints)' },
  'savepoint-dir': { type: 'string', default: '', description: 'Default savepoint directory (default: <data-dir>/savepoints)' },
  'shutdown-timeout-ms': { type: 'integer', default: 10_000, min: 1, description: 'On SIGTERM, how long to wait for tasks to be cancelled and servers to close before exiting anyway' },
  'ha-store': { type: 'string', default: '', description: 'Where jobs are kept for recovery: file:///dir or redis://host:port/db (default: <data-dir>/ha)' },
  'archived-jobs': { type: 'integer', default: 100, min: 0, description: 'Ended jobs whose REST views are kept in the HA store, so they outlive a JobManager restart (oldest dropped first; 0: none)' },
  'storage-timeout-ms': { type: 'integer', default: 60_000, min: 1, description: 'Bound on one checkpoint/savepoint/HA storage operation; one that takes longer fails (docs/errors.md)' },
  'max-job-file-bytes': { type: 'integer', default: 52_428_800, min: 1, description: 'Largest job file POST /jars/upload accepts; larger ones get 413' },
  'max-concurrent-job-builds': { type: 'integer', default: 2, min: 1, description: 'Job builds (POST /jars/:jarid/run, /plan) running at once, each in its own worker' },
  'max-queued-job-builds': { type: 'integer', default: 8, min: 0, description: 'Job builds waiting for a turn; beyond this, 429' },
  'job-build-memory-mb': { type: 'integer', default: 256, min: 16, description: 'Heap limit of each job build worker (MiB)' },
  'job-build-timeout-ms': { type: 'integer', default: 30_000, min: 1, description: 'How long bundling a job file and building its graph may take' },
  ...LOG_FILE_CONFIG_SCHEMA,
  ...SECURITY_CONFIG_SCHEMA,
} as const satisfies ConfigSchema;

export const JOB_MANAGER_PROGRAM = { program: 'sluice-jobmanager', summary: 'Starts a JobManager: gRPC for clients and TaskManagers, REST and the dashboard.' } as const;

/** The normalized JobManager configuration: what every component reads. */
export interface JobManagerConfig {
  /** @default '127.0.0.1' — loopback unless asked otherwise */
  readonly host: string;
  /** Empty until resolved at start-up (`resolveAdvertisedHost`): the bind address unless that is a wildcard. */
  readonly advertisedHost: string;
  /** @default 6123 */
  readonly rpcPort: number;
  /** @default 8081 */
  readonly restPort: number;
  /** Absolute path. @default './data' resolved against the working directory */
  readonly dataDir: string;
  /** @default 10000 */
  readonly slotRequestTimeoutMs: number;
  /** @default 1000 */
  readonly heartbeatIntervalMs: number;
  /** @default 10000 */
  readonly heartbeatTimeoutMs: number;
  /** @default 5000 */
  readonly cancelTimeoutMs: number;
  /** Location URI. @default file://<dataDir>/checkpoints */
  readonly checkpointStorage: string;
  /** Checkpoint settings of jobs that do not set them (Flink's defaults). */
  readonly checkpointDefaults: CheckpointDefaults;
  /** Location URI. @default file://<dataDir>/savepoints */
  readonly savepointDir: string;
  /** Location URI of the HA store. @default file://<dataDir>/ha */
  readonly haStore: string;
  /** Bound on a graceful stop. @default 10000 */
  readonly shutdownTimeoutMs: number;
  /** Ended jobs kept in the archive (Flink's history server retention). @default 100 */
  readonly archivedJobs: number;
  /** Auth token and TLS (docs/security.md). @default none: plaintext, unauthenticated, loopback only */
  readonly security: SecurityConfig;
  /** Bound on one storage operation. @default 60000 */
  readonly storageTimeoutMs: number;
  /** Bounds of REST job builds and uploads (docs/errors.md). */
  readonly jobBuilds: JobBuildLimits;
  /** File the log is also appended to (absolute); empty: stderr only. @default '' */
  readonly logFile: string;
}

export interface JobBuildLimits {
  /** @default 52428800 */
  readonly maxJobFileBytes: number;
  /** @default 2 */
  readonly maxConcurrent: number;
  /** @default 8 */
  readonly maxQueued: number;
  /** @default 256 */
  readonly memoryMb: number;
  /** @default 30000 */
  readonly timeoutMs: number;
}

export interface CheckpointDefaults {
  /** @default 600000 */
  readonly timeoutMs: number;
  /** @default 0 */
  readonly minPauseMs: number;
  /** @default 1 */
  readonly maxConcurrent: number;
  /** @default 0 */
  readonly tolerableFailures: number;
  /** @default 1 */
  readonly retained: number;
}

export type ConfigLoadResult = ServerConfigLoad<JobManagerConfig>;

/**
 * Parses flags and layers them over the config file (`--config FILE`) and the environment.
 * Throws InvalidArgumentError with one clear line for any unknown or malformed option.
 */
export function loadJobManagerConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ConfigLoadResult {
  const parsed = parseCommandLine(JOB_MANAGER_CONFIG_SCHEMA, JOB_MANAGER_PROGRAM, argv, env);
  if (parsed.kind !== 'config') return parsed;
  const v = parsed.values;
  return {
    kind: 'config',
    config: normalizeJobManagerConfig({
      host: v.host,
      advertisedHost: v['advertised-host'],
      rpcPort: v['rpc-port'],
      restPort: v['rest-port'],
      dataDir: v['data-dir'],
      slotRequestTimeoutMs: v['slot-request-timeout-ms'],
      heartbeatIntervalMs: v['heartbeat-interval-ms'],
      heartbeatTimeoutMs: v['heartbeat-timeout-ms'],
      cancelTimeoutMs: v['cancel-timeout-ms'],
      checkpointStorage: v['checkpoint-storage'] || undefined,
      checkpointDefaults: {
        timeoutMs: v['checkpoint-timeout-ms'],
        minPauseMs: v['checkpoint-min-pause-ms'],
        maxConcurrent: v['checkpoint-max-concurrent'],
        tolerableFailures: v['checkpoint-tolerable-failures'],
        retained: v['checkpoint-retained'],
      },
      savepointDir: v['savepoint-dir'] || undefined,
      haStore: v['ha-store'] || undefined,
      shutdownTimeoutMs: v['shutdown-timeout-ms'],
      archivedJobs: v['archived-jobs'],
      security: loadSecurityConfig(v),
      storageTimeoutMs: v['storage-timeout-ms'],
      logFile: v['log-file'],
      jobBuilds: {
        maxJobFileBytes: v['max-job-file-bytes'],
        maxConcurrent: v['max-concurrent-job-builds'],
        maxQueued: v['max-queued-job-builds'],
        memoryMb: v['job-build-memory-mb'],
        timeoutMs: v['job-build-timeout-ms'],
      },
    }),
  };
}

/** Fills defaults for in-process use (tests, stream-cluster) and checks cross-option conflicts. */
export function normalizeJobManagerConfig(partial: Partial<JobManagerConfig> = {}): JobManagerConfig {
  const d = JOB_MANAGER_CONFIG_SCHEMA;
  const dataDir = path.resolve(partial.dataDir ?? d['data-dir'].default);
  const config: JobManagerConfig = {
    host: partial.host ?? d.host.default,
    advertisedHost: partial.advertisedHost ?? d['advertised-host'].default,
    rpcPort: partial.rpcPort ?? d['rpc-port'].default,
    restPort: partial.restPort ?? d['rest-port'].default,
    dataDir,
    slotRequestTimeoutMs: partial.slotRequestTimeoutMs ?? d['slot-request-timeout-ms'].default,
    heartbeatIntervalMs: partial.heartbeatIntervalMs ?? d['heartbeat-interval-ms'].default,
    heartbeatTimeoutMs: partial.heartbeatTimeoutMs ?? d['heartbeat-timeout-ms'].default,
    cancelTimeoutMs: partial.cancelTimeoutMs ?? d['cancel-timeout-ms'].default,
    checkpointStorage: normalizeLocation(partial.checkpointStorage ?? path.join(dataDir, 'checkpoints')),
    checkpointDefaults: partial.checkpointDefaults ?? {
      timeoutMs: d['checkpoint-timeout-ms'].default,
      minPauseMs: d['checkpoint-min-pause-ms'].default,
      maxConcurrent: d['checkpoint-max-concurrent'].default,
      tolerableFailures: d['checkpoint-tolerable-failures'].default,
      retained: d['checkpoint-retained'].default,
    },
    savepointDir: normalizeLocation(partial.savepointDir ?? path.join(dataDir, 'savepoints')),
    haStore: normalizeLocation(partial.haStore ?? path.join(dataDir, 'ha')),
    shutdownTimeoutMs: partial.shutdownTimeoutMs ?? d['shutdown-timeout-ms'].default,
    archivedJobs: partial.archivedJobs ?? d['archived-jobs'].default,
    security: partial.security ?? NO_SECURITY,
    storageTimeoutMs: partial.storageTimeoutMs ?? d['storage-timeout-ms'].default,
    logFile: partial.logFile ? path.resolve(partial.logFile) : '',
    jobBuilds: partial.jobBuilds ?? {
      maxJobFileBytes: d['max-job-file-bytes'].default,
      maxConcurrent: d['max-concurrent-job-builds'].default,
      maxQueued: d['max-queued-job-builds'].default,
      memoryMb: d['job-build-memory-mb'].default,
      timeoutMs: d['job-build-timeout-ms'].default,
    },
  };
  if (config.heartbeatTimeoutMs <= config.heartbeatIntervalMs)
    throw new InvalidArgumentError(
      `heartbeat-timeout-ms (${config.heartbeatTimeoutMs}) must be larger than heartbeat-interval-ms (${config.heartbeatIntervalMs}), or every TaskManager would be lost between two heartbeats`,
    );
  return Object.freeze(config);
}
