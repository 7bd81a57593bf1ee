import { loadTaskManagerConfig } from './config';
import { TaskManager } from './task-manager';
import { errorMessage } from '../common/errors';

/** `sluice-taskmanager`: starts a TaskManager process. */
async function main(): Promise<void> {
  let tm: TaskManager;
  try {
    tm = new TaskManager(loadTaskManagerConfig(process.argv.slice(2)));
  } catch (err) {
    process.stderr.write(`Error: ${errorMessage(err)}\n`);
    process.exit(2);
  }
  const shutdown = () => {
    tm.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
  await tm.start();
}

main().catch((err) => {
  process.stderr.write(`Error: TaskManager failed to start: ${errorMessage(err)}\n`);
  process.exit(1);
});
