import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InvalidArgumentError } from '../../common/errors';
import { validateJobManagerAddresses } from '../rpc/job-manager-client';
import { COMMANDS, isCommandName, type CommandName, type CommandSpec } from './cli-commands';

export interface SubmitOptions {
  jobmanager?: string;
  parallelism?: number;
  detached: boolean;
  fromSavepoint?: string;
  allowNonRestoredState: boolean;
  name?: string;
  /** Check the job against the savepoint (-s) and exit; nothing is submitted. */
  dryRun: boolean;
}

export type ListFilter = 'all' | 'running';

export type CliCommand =
  | { command: 'run'; options: SubmitOptions; jobFile: string; jobArgs: string[] }
  | { command: 'info'; jobFile: string; jobArgs: string[]; parallelism?: number; json: boolean }
  | { command: 'list'; jobmanager?: string; filter: ListFilter }
  | { command: 'status' | 'cancel'; jobmanager?: string; jobId: string }
  | { command: 'savepoint'; jobmanager?: string; jobId: string; targetDirectory?: string }
  | { command: 'stop'; jobmanager?: string; jobId: string; savepointDir?: string; drain: boolean }
  | { command: 'inspect'; path: string }
  | { command: 'dispose'; path: string }
  | { command: 'help'; topic?: CommandName }
  | { command: 'version' };

type Values = Record<string, string | boolean | undefined>;

/**
 * Parses stream-submit's argv. The first word that is not an option is a subcommand or, in the
 * bare form, the job file. For `run` and `info` (and the bare form), options end at the job
 * file: everything after it is the job's own arguments, even `-p`. Other subcommands take
 * their options anywhere. Options are parsed strictly with node's parseArgs per subcommand.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const first = firstWord(argv, 0);
  if (first === -1) {
    const values = parse('run', [...argv], false).values;
    if (values.version) return { command: 'version' };
    if (argv.length === 0 || values.help) return { command: 'help' };
    throw new InvalidArgumentError(`stream-submit needs a job file or a command: ${COMMANDS.run.usage[0]} (see 'stream-submit --help')`);
  }
  const word = argv[first];
  if (word === 'help') {
    const topic = argv[first + 1];
    if (topic !== undefined && !isCommandName(topic)) throw new InvalidArgumentError(`Unknown command '${topic}'. Run 'stream-submit --help' for the list of commands.`);
    return { command: 'help', topic };
  }
  if (word === 'run' || word === 'info' || !isCommandName(word)) {
    const name = word === 'info' ? 'info' : 'run';
    // `run`/`info`: the job file is the first word after the subcommand's own options.
    const optionsBefore = argv.slice(0, first);
    const afterCommand = isCommandName(word) ? argv.slice(first + 1) : argv.slice(first);
    const jobAt = firstWord(afterCommand, 0);
    const head = [...optionsBefore, ...(jobAt === -1 ? afterCommand : afterCommand.slice(0, jobAt))];
    const values = parse(name, head, false).values;
    if (values.help) return { command: 'help', topic: isCommandName(word) ? name : undefined };
    if (values.version) return { command: 'version' };
    if (jobAt === -1) throw new InvalidArgumentError(`'stream-submit ${name}' needs a job file: ${COMMANDS[name].usage[0]}`);
    const jobFile = afterCommand[jobAt];
    const jobArgs = afterCommand.slice(jobAt + 1);
    const parallelism = parallelismOf(values);
    if (name === 'info') return { command: 'info', jobFile, jobArgs, parallelism, json: values.json === true };
    const options: SubmitOptions = {
      jobmanager: str(values.jobmanager),
      parallelism,
      detached: values.detached === true,
      fromSavepoint: str(values['from-savepoint']),
      allowNonRestoredState: values['allow-non-restored-state'] === true,
      name: str(values.name),
      dryRun: values['dry-run'] === true,
    };
    if (options.dryRun && !options.fromSavepoint)
      throw new InvalidArgumentError(`--dry-run checks a job against a savepoint: give it with -s/--from-savepoint PATH`);
    return { command: 'run', jobFile, jobArgs, options };
  }

  const name = word as Exclude<CommandName, 'run' | 'info' | 'help'>;
  const { values, positionals } = parse(name, [...argv.slice(0, first), ...argv.slice(first + 1)], true);
  if (values.help) return { command: 'help', topic: name };
  if (values.version) return { command: 'version' };
  const jobmanager = str(values.jobmanager);
  const tooMany = (max: number) => {
    if (positionals.length > max) throw new InvalidArgumentError(`Unexpected argument '${positionals[max]}' for 'stream-submit ${name}'. Usage: ${COMMANDS[name].usage.join(' | ')}`);
  };

  if (name === 'list') {
    tooMany(0);
    if (values.all && values.running) throw new InvalidArgumentError(`'stream-submit list' takes -a (all jobs) or -r (running jobs only), not both`);
    return { command: 'list', jobmanager, filter: values.running ? 'running' : 'all' };
  }
  if (name === 'savepoint' && (values.inspect || values.dispose !== undefined)) {
    if (values.inspect && values.dispose !== undefined) throw new InvalidArgumentError(`'stream-submit savepoint' takes --inspect PATH or --dispose PATH, not both`);
    if (values.dispose !== undefined) {
      tooMany(0);
      return { command: 'dispose', path: str(values.dispose)! };
    }
    tooMany(1);
    if (!positionals[0]) throw new InvalidArgumentError(`'stream-submit savepoint --inspect' needs a path: stream-submit savepoint --inspect PATH`);
    return { command: 'inspect', path: positionals[0] };
  }
  const jobId = positionals[0];
  if (!jobId) throw new InvalidArgumentError(`'stream-submit ${name}' needs a job id: ${COMMANDS[name].usage[0]}`);
  if (name === 'savepoint') {
    tooMany(2);
    return { command: 'savepoint', jobmanager, jobId, targetDirectory: positionals[1] };
  }
  tooMany(1);
  if (name === 'stop') return { command: 'stop', jobmanager, jobId, savepointDir: str(values['savepoint-dir']), drain: values.drain === true };
  return { command: name, jobmanager, jobId };
}

/** Index of the first argument that is neither an option nor the value of one; -1 if none. */
function firstWord(argv: readonly string[], from: number): number {
  for (let i = from; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return i + 1 < argv.length ? i + 1 : -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (!a.includes('=') && takesValue(a)) i++;
  }
  return -1;
}

/** Whether a flag (of any subcommand) takes a value, so the next argument is not a word. */
function takesValue(flag: string): boolean {
  for (const command of Object.values(COMMANDS) as CommandSpec[])
    for (const [long, o] of Object.entries(command.options))
      if (o.type === 'string' && (flag === `--${long}` || (o.short !== undefined && flag === `-${o.short}`))) return true;
  return false;
}

function parse(name: CommandName, args: string[], allowPositionals: boolean): { values: Values; positionals: string[] } {
  const config: ParseArgsConfig = { args: attachValues(name, args.filter((a) => a !== '--')), options: COMMANDS[name].options, strict: true, allowPositionals };
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs(config) as { values: Values; positionals: string[] });
  } catch (err) {
    const help = name === 'run' ? `'stream-submit --help'` : `'stream-submit ${name} --help'`;
    throw new InvalidArgumentError(`${parserErrorMessage(err as NodeJS.ErrnoException)}. Run ${help} for usage.`);
  }
  if (typeof values.jobmanager === 'string') validateJobManagerAddresses(values.jobmanager, '--jobmanager');
  return { values, positionals };
}

/**
 * `-p -1` as `--parallelism=-1`: a value flag takes the next word as its value whatever it
 * looks like, so our own check answers ("must be a positive integer, got '-1'") instead of
 * the parser's guess that -1 is another option. A value flag with nothing after it stays as it
 * is, for the parser to report.
 */
function attachValues(name: CommandName, args: readonly string[]): string[] {
  const options = Object.entries(COMMANDS[name].options as CommandSpec['options']);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const long = a.startsWith('--') ? a.slice(2) : options.find(([, o]) => o.short !== undefined && a === `-${o.short}`)?.[0];
    const option = long === undefined ? undefined : options.find(([n]) => n === long)?.[1];
    if (option?.type === 'string' && i + 1 < args.length) out.push(`--${long}=${args[++i]}`);
    else out.push(a);
  }
  return out;
}

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
      return err.message.replace(/\. To specify a positional argument.*$/, '');
  }
}

function parallelismOf(values: Values): number | undefined {
  const raw = values.parallelism;
  if (raw === undefined) return undefined;
  const p = Number(raw);
  if (!Number.isInteger(p) || p < 1) throw new InvalidArgumentError(`-p/--parallelism must be a positive integer, got '${String(raw)}'`);
  return p;
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
