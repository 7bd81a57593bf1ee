/**
 * sluice-jobmanager: starts one JobManager. Options are documented by `--help`; see config.ts.
 * Exit codes: 0 after a signal-initiated shutdown, 2 for bad configuration, 1 when start-up
 * fails otherwise (e.g. a port in use).
 *
 * SIGTERM (or SIGINT) is a graceful stop: running tasks are cancelled, but jobs stay in the HA
 * store (they are suspended, not cancelled), so the next JobManager on the same HA store
 * resumes them from their latest checkpoints.
 */
import { errorMessage } from '../common/errors';
import { loadServerConfig } from '../common/process-config';
import { loadJobManagerConfig } from './config';
import { JobManager } from './job-manager';
import { setStorageTimeoutMs } from '../common/checkpoint/storage-registry';

const PROGRAM = 'sluice-jobmanager';

async function main(): Promise<void> {
  const config = loadServerConfig(PROGRAM, () => loadJobManagerConfig(process.argv.slice(2), process.env));
  if (!config) return;
  // Process-wide: every storage operation of this JobManager (checkpoints, savepoints, HA store).
  setStorageTimeoutMs(config.storageTimeoutMs);

  const jm = new JobManager({ config });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    jm.log.info(`Received ${signal}; stopping (jobs stay in the HA store ${config.haStore} and resume on the next start)`);
    // Never hang on shutdown: whatever is left after the timeout is abandoned.
    setTimeout(() => {
      jm.log.warn(`Shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting anyway`);
      process.exit(0);
    }, config.shutdownTimeoutMs).unref();
    jm.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  let addresses;
  try {
    addresses = await jm.start();
  } catch (err) {
    process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
    await jm.close().catch(() => undefined);
    process.exit(1);
  }
  if (!stopping) process.stdout.write(`JobManager started: rpc=${addresses.rpcAddress} rest=${addresses.restUrl}\n`);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
  process.exit(1);
});
