import { parseArgs } from 'node:util';
import { InvalidArgumentError } from '../../common/errors';
import { validateJobManagerAddresses } from '../rpc/job-manager-client';

export interface SubmitOptions {
  jobmanager?: string;
  parallelism?: number;
  detached: boolean;
  fromSavepoint?: string;
  allowNonRestoredState: boolean;
  name?: string;
}

export type CliCommand =
  | { command: 'run'; options: SubmitOptions; jobFile: string; jobArgs: string[] }
  | { command: 'list'; jobmanager?: string }
  | { command: 'status' | 'cancel'; jobmanager?: string; jobId: string }
  | { command: 'savepoint'; jobmanager?: string; jobId: string; targetDirectory?: string }
  | { command: 'stop'; jobmanager?: string; jobId: string; savepointDir?: string; drain: boolean }
  | { command: 'inspect'; path: string }
  | { command: 'help' };

const SUBMIT_OPTIONS = {
  jobmanager: { type: 'string', short: 'm' },
  parallelism: { type: 'string', short: 'p' },
  detached: { type: 'boolean', short: 'd' },
  'from-savepoint': { type: 'string', short: 's' },
  'allow-non-restored-state': { type: 'boolean', short: 'n' },
  name: { type: 'string' },
  'savepoint-dir': { type: 'string' },
  drain: { type: 'boolean' },
  inspect: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const VALUE_FLAGS = new Set(['--jobmanager', '-m', '--parallelism', '-p', '--from-savepoint', '-s', '--name', '--savepoint-dir']);
const SUBCOMMANDS = new Set(['list', 'status', 'cancel', 'savepoint', 'stop']);

export const USAGE = `Usage:
  stream-submit [--jobmanager HOST:PORT] [-p N] [-d|--detached] [-s|--from-savepoint PATH]
                [-n|--allow-non-restored-state] [--name NAME] job.js [job args...]
  stream-submit list | status JOBID | cancel JOBID
  stream-submit savepoint JOBID [TARGET_DIR]
  stream-submit stop JOBID [--savepoint-dir DIR] [--drain]
  stream-submit savepoint --inspect PATH

The JobManager address defaults to $SLUICE_JOBMANAGER, else 127.0.0.1:6123.`;

/**
 * Splits argv at the job file: options before it belong to stream-submit (parsed with
 * node's parseArgs, strictly), everything after it is the job's own arguments.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let split = argv.length;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_FLAGS.has(a)) {
      i++;
      continue;
    }
    if (!a.startsWith('-')) {
      split = i;
      break;
    }
  }
  const head = attachValues(argv.slice(0, split));
  const first = argv[split];
  const rest = argv.slice(split + 1);

  const isSubcommand = first !== undefined && SUBCOMMANDS.has(first);
  let values: ReturnType<typeof parseOptions>['values'];
  let positionals: string[] = [];
  try {
    const parsed = parseOptions(isSubcommand ? [...head, ...rest] : head, isSubcommand);
    values = parsed.values;
    positionals = parsed.positionals;
  } catch (err) {
    throw new InvalidArgumentError(`${parserErrorMessage(err as NodeJS.ErrnoException)}. Run 'stream-submit --help' for usage.`);
  }
  if (values.help || first === undefined) return { command: 'help' };
  const jobmanager = values.jobmanager;
  if (jobmanager !== undefined) validateJobManagerAddresses(jobmanager, '--jobmanager');

  if (first === 'list') return { command: 'list', jobmanager };
  if (first === 'savepoint' && values.inspect) {
    if (!positionals[0]) throw new InvalidArgumentError(`'stream-submit savepoint --inspect' needs a path: stream-submit savepoint --inspect PATH`);
    return { command: 'inspect', path: positionals[0] };
  }
  if (first === 'status' || first === 'cancel' || first === 'savepoint' || first === 'stop') {
    const jobId = positionals[0];
    if (!jobId) throw new InvalidArgumentError(`'stream-submit ${first}' needs a job id: stream-submit ${first} JOBID`);
    if (first === 'savepoint') return { command: 'savepoint', jobmanager, jobId, targetDirectory: positionals[1] };
    if (first === 'stop') return { command: 'stop', jobmanager, jobId, savepointDir: values['savepoint-dir'], drain: values.drain ?? false };
    return { command: first, jobmanager, jobId };
  }

  let parallelism: number | undefined;
  if (values.parallelism !== undefined) {
    parallelism = Number(values.parallelism);
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new InvalidArgumentError(`-p/--parallelism must be a positive integer, got '${values.parallelism}'`);
  }
  return {
    command: 'run',
    jobFile: first,
    jobArgs: rest,
    options: {
      jobmanager,
      parallelism,
      detached: values.detached ?? false,
      fromSavepoint: values['from-savepoint'],
      allowNonRestoredState: values['allow-non-restored-state'] ?? false,
      name: values.name,
    },
  };
}

/**
 * `-p -1` as `--parallelism=-1`: a value flag takes the next word as its value whatever it
 * looks like, so our own check answers ("must be a positive integer, got '-1'") instead of
 * the parser's guess that -1 is another option. A value flag with nothing after it stays as it
 * is, for the parser to report.
 */
function attachValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (VALUE_FLAGS.has(a) && i + 1 < args.length) {
      out.push(`${a.startsWith('--') ? a : LONG_NAME[a]}=${args[++i]}`);
    } else out.push(a);
  }
  return out;
}

const LONG_NAME: Record<string, string> = { '-m': '--jobmanager', '-p': '--parallelism', '-s': '--from-savepoint' };

/** node:util parseArgs' messages, rephrased as one line that says what to do. */
function parserErrorMessage(err: NodeJS.ErrnoException): string {
  const option = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Unknown option '${option}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(err.message) ? `Option '${option.split(' ')[0].replace(/,$/, '')}' needs a value` : `Option '${option}' takes no value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `Unexpected argument '${option}'`;
    default:
      return err.message;
  }
}

function parseOptions(args: string[], allowPositionals: boolean) {
  return parseArgs({ args, options: SUBMIT_OPTIONS, strict: true, allowPositionals });
}
