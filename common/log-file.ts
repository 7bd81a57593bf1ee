import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ConfigSchema } from './config-schema';
import { InvalidArgumentError } from './errors';
import { processLogTail } from './log-tail';

/** The `log-file` option every server process has (spread into each role's schema). */
export const LOG_FILE_CONFIG_SCHEMA = {
  'log-file': {
    type: 'string',
    default: '',
    description: 'Also append this process\'s log (its slot workers\' too) to this file, created with its directory if missing; stderr keeps it as well (default: stderr only)',
  },
} as const satisfies ConfigSchema;

/** The open log file of this process, if `log-file` named one. */
export interface LogFile {
  readonly path: string;
}

let current: LogFile | undefined;

/**
 * Appends every line this process logs (everything that reaches `processLogTail`: its own
 * Logger and, on a TaskManager, its slot workers' stderr) to `file`, opened once for appending,
 * as Flink's processes write `log/*.log`. Writes are synchronous: a line logged just before
 * the process exits (or crashes) is in the file, and logging is never on a per-record path.
 * A file that cannot be opened is an InvalidArgumentError (bad configuration) at start-up.
 */
export function openLogFile(file: string): LogFile {
  const absolute = path.resolve(file);
  const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  try {
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
  } catch (err) {
    // EEXIST from a recursive mkdir: a file stands where a directory of the path should be.
    const why = code(err) === 'EEXIST' ? 'a file is in the way of its directory' : code(err);
    throw new InvalidArgumentError(`Cannot create the directory of the log file ${absolute}: ${why}`);
  }
  let fd: number;
  try {
    fd = fs.openSync(absolute, 'a', 0o640);
  } catch (err) {
    throw new InvalidArgumentError(`Cannot open the log file ${absolute}: ${code(err)}`);
  }
  let failed = false;
  processLogTail.mirrorTo((chunk) => {
    if (failed) return;
    try {
      fs.writeSync(fd, chunk);
    } catch (err) {
      // A full disk must not take the process down; say so once, on stderr.
      failed = true;
      process.stderr.write(`Cannot write the log file ${absolute} any more (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); logging to stderr only\n`);
    }
  });
  current = { path: absolute };
  return current;
}

/** The log file this process writes, if any (GET /jobmanager/logs lists it). */
export function currentLogFile(): LogFile | undefined {
  return current;
}
