import type { ConfigSchema, ConfigValues } from '../common/config-schema';

/** `stream-cluster start`'s options: flags, config-file keys and `SLUICE_*` variables, as for the processes it starts. */
export const STREAM_CLUSTER_CONFIG_SCHEMA = {
  taskmanagers: { type: 'integer', default: 2, min: 1, max: 64, description: 'Number of TaskManager processes' },
  slots: { type: 'integer', default: 2, min: 1, max: 256, description: 'Slots per TaskManager' },
  'rpc-port': { type: 'integer', default: 6123, min: 0, max: 65535, description: 'JobManager gRPC port (0 picks a free port)' },
  'rest-port': { type: 'integer', default: 8081, min: 0, max: 65535, description: 'JobManager REST port (0 picks a free port)' },
  'data-dir': { type: 'string', default: './data', description: 'JobManager data directory (HA store, checkpoints, savepoints) and where the cluster\'s pid file lives' },
  demo: { type: 'boolean', default: false, description: 'Also submit the demo word count job (resumed instead when it is still in the HA store)' },
} as const satisfies ConfigSchema;

export type StreamClusterOptions = ConfigValues<typeof STREAM_CLUSTER_CONFIG_SCHEMA>;
