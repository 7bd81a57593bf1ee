import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../common/errors';

/** The TaskManager's configuration, normalized once at start-up. */
export interface TaskManagerConfig {
  /** JobManager RPC address(es), comma-separated when JobManagers run with leader election. @default $SLUICE_JOBMANAGER or 127.0.0.1:6123 */
  jobManager: string;
  /** Slots, each a worker thread. @default 1 */
  slots: number;
  /** Interface for RPC and data ports. @default 127.0.0.1 */
  host: string;
  /** TaskExecutorGateway port; 0 picks a free one. @default 0 */
  rpcPort: number;
  /** First data port (slot i listens on dataPort + i); 0 picks free ones. @default 0 */
  dataPort: number;
  /** Resource id; generated when empty. */
  id: string;
}

const DEFAULTS: TaskManagerConfig = { jobManager: '127.0.0.1:6123', slots: 1, host: '127.0.0.1', rpcPort: 0, dataPort: 0, id: '' };
const KEYS = Object.keys(DEFAULTS) as Array<keyof TaskManagerConfig>;

export const TASKMANAGER_USAGE = `Usage: sluice-taskmanager [--jobmanager HOST:PORT] [--slots N] [--host H] [--rpc-port P] [--data-port P] [--id ID] [--config FILE]`;

/** defaults → config file (JSON) → environment (SLUICE_JOBMANAGER, SLUICE_TM_SLOTS) → flags. */
export function loadTaskManagerConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TaskManagerConfig {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        jobmanager: { type: 'string' },
        slots: { type: 'string' },
        host: { type: 'string' },
        'rpc-port': { type: 'string' },
        'data-port': { type: 'string' },
        id: { type: 'string' },
        config: { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new InvalidArgumentError(`${(err as Error).message}\n${TASKMANAGER_USAGE}`);
  }
  const config: TaskManagerConfig = { ...DEFAULTS };
  if (values.config) {
    let file: Record<string, unknown>;
    try {
      file = JSON.parse(fs.readFileSync(values.config, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new InvalidArgumentError(`Cannot read config file ${values.config}: ${(err as Error).message}`);
    }
    for (const [k, v] of Object.entries(file)) {
      if (!KEYS.includes(k as keyof TaskManagerConfig)) throw new InvalidArgumentError(`Unknown key '${k}' in ${values.config}; known keys: ${KEYS.join(', ')}`);
      (config as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (env.SLUICE_JOBMANAGER) config.jobManager = env.SLUICE_JOBMANAGER;
  if (env.SLUICE_TM_SLOTS) config.slots = toInt('SLUICE_TM_SLOTS', env.SLUICE_TM_SLOTS, 1, 256);
  if (values.jobmanager) config.jobManager = values.jobmanager;
  if (values.slots) config.slots = toInt('--slots', values.slots, 1, 256);
  if (values.host) config.host = values.host;
  if (values['rpc-port']) config.rpcPort = toInt('--rpc-port', values['rpc-port'], 0, 65535);
  if (values['data-port']) config.dataPort = toInt('--data-port', values['data-port'], 0, 65535);
  if (values.id) config.id = values.id;
  for (const address of config.jobManager.split(','))
    if (!/^[^:,]+:\d+$/.test(address)) throw new InvalidArgumentError(`JobManager address must be HOST:PORT (several: HOST:PORT,HOST:PORT), got '${config.jobManager}'`);
  config.slots = toInt('slots', String(config.slots), 1, 256);
  return config;
}

function toInt(name: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer in [${min}, ${max}], got '${raw}'`);
  return n;
}
