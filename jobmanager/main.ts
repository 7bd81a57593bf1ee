/**
 * sluice-jobmanager: starts one JobManager. Options are documented by `--help`; see config.ts.
 * Exit codes: 0 after a signal-initiated shutdown, 2 for bad configuration, 1 when start-up
 * fails otherwise (e.g. a port in use).
 */
import { errorMessage } from '../common/errors';
import { loadJobManagerConfig } from './config';
import { JobManager } from './job-manager';

const PROGRAM = 'sluice-jobmanager';

async function main(): Promise<void> {
  let loaded;
  try {
    loaded = loadJobManagerConfig(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
    process.exit(2);
  }
  if (loaded.kind === 'help') {
    process.stdout.write(loaded.text + '\n');
    return;
  }

  const jm = new JobManager({ config: loaded.config });
  let addresses;
  try {
    addresses = await jm.start();
  } catch (err) {
    process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
    await jm.close().catch(() => undefined);
    process.exit(1);
  }
  process.stdout.write(`JobManager started: rpc=${addresses.rpcAddress} rest=${addresses.restUrl}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    jm.log.info(`Received ${signal}`);
    // Never hang on shutdown: whatever is left after a few seconds is abandoned.
    setTimeout(() => process.exit(0), 5_000).unref();
    jm.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main().catch((err: unknown) => {
  process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
  process.exit(1);
});
