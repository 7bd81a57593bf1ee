/**
 * sluice-taskmanager: starts one TaskManager. Options are documented by `--help`; see config.ts.
 * Exit codes: 0 after a signal-initiated shutdown, 2 for bad configuration, 1 when start-up
 * fails otherwise.
 *
 * SIGTERM (or SIGINT) is a graceful stop: the TaskManager leaves the cluster at once (the
 * JobManager fails its tasks over to the last checkpoint: no data is lost) and exits within
 * `shutdown-timeout-ms`.
 */
import { loadTaskManagerConfig } from './config';
import { TaskManager } from './task-manager';
import { errorMessage } from '../common/errors';
import { loadServerConfig } from '../common/process-config';
import { processLogTail } from '../common/log-tail';

const PROGRAM = 'sluice-taskmanager';

async function main(): Promise<void> {
  const config = loadServerConfig(PROGRAM, () => loadTaskManagerConfig(process.argv.slice(2), process.env));
  if (!config) return;
  const tm = new TaskManager(config);
  // Through processLogTail as well as stderr, so the log file and the dashboard's log view have them.
  const say = (line: string) => {
    processLogTail.append(line);
    process.stderr.write(line);
  };
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`${PROGRAM} ${tm.id}: received ${signal}; leaving the cluster\n`);
    setTimeout(() => {
      say(`${PROGRAM} ${tm.id}: shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway\n`);
      process.exit(0);
    }, config.shutdownTimeoutMs).unref();
    tm.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  try {
    await tm.start();
  } catch (err) {
    say(`${PROGRAM}: ${errorMessage(err)}\n`);
    await tm.stop().catch(() => undefined);
    process.exit(1);
  }
}

main().catch((err) => {
  process.stderr.write(`${PROGRAM}: TaskManager failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
