import { stringify } from 'yaml';
import { type ConfigSchema, readConfigFile, resolveConfig } from '../common/config-schema';
import { InvalidArgumentError, errorMessage } from '../common/errors';
import { JOB_MANAGER_CONFIG_SCHEMA } from '../jobmanager/config';
import { TASK_MANAGER_CONFIG_SCHEMA } from '../taskmanager/config';

/**
 * deploy/standalone's one config file, `sluice.yaml`, holds the keys of both processes (as
 * Flink's conf does): `node dist/deploy/standalone-config.js ROLE FILE JOBMANAGER_HOST` writes
 * the file one process reads (YAML on stdout). Top-level keys go to each process that knows
 * them, except `rpc-port`, which is the JobManager's; a `taskmanager:` mapping sets the
 * TaskManagers' own values (their `rpc-port`, say). A TaskManager's `jobmanager` defaults to
 * JOBMANAGER_HOST and the JobManager's rpc-port. A key no process knows is an error.
 */
const JOB_MANAGER_ONLY = new Set(['rpc-port']);

export function standaloneConfig(role: 'jobmanager' | 'taskmanager', file: string, jobManagerHost: string): Record<string, unknown> {
  const values = readConfigFile(file);
  const { taskmanager: taskManagerSection, ...shared } = values;
  for (const key of Object.keys(shared))
    if (!(key in JOB_MANAGER_CONFIG_SCHEMA) && !(key in TASK_MANAGER_CONFIG_SCHEMA))
      throw new InvalidArgumentError(`${file}: key "${key}" is known to neither the JobManager nor the TaskManager (see docs/configuration.md)`);
  if (taskManagerSection !== undefined && (taskManagerSection === null || typeof taskManagerSection !== 'object' || Array.isArray(taskManagerSection)))
    throw new InvalidArgumentError(`${file}: "taskmanager" must be a mapping of TaskManager keys`);
  let picked: Record<string, unknown>;
  let schema: ConfigSchema;
  if (role === 'jobmanager') {
    schema = JOB_MANAGER_CONFIG_SCHEMA;
    picked = Object.fromEntries(Object.entries(shared).filter(([k]) => k in schema));
  } else {
    schema = TASK_MANAGER_CONFIG_SCHEMA;
    picked = Object.fromEntries(Object.entries(shared).filter(([k]) => k in schema && !JOB_MANAGER_ONLY.has(k)));
    Object.assign(picked, taskManagerSection ?? {});
    picked.jobmanager ??= `${jobManagerHost}:${typeof shared['rpc-port'] === 'number' ? shared['rpc-port'] : JOB_MANAGER_CONFIG_SCHEMA['rpc-port'].default}`;
  }
  // Type and range errors now, with the file's name, not later in a daemon's log.
  resolveConfig(schema, { file: { path: role === 'taskmanager' && taskManagerSection ? `${file} (with its taskmanager section)` : file, values: picked } });
  return picked;
}

if (require.main === module) {
  const [role, file, host] = process.argv.slice(2);
  try {
    if ((role !== 'jobmanager' && role !== 'taskmanager') || !file) throw new InvalidArgumentError('usage: standalone-config.js jobmanager|taskmanager FILE [JOBMANAGER_HOST]');
    process.stdout.write(stringify(standaloneConfig(role, file, host || '127.0.0.1')));
  } catch (err) {
    process.stderr.write(`${errorMessage(err)}\n`);
    process.exit(2);
  }
}
