import type { ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** One stream-submit subcommand: its parser options and its help text. */
export interface CommandSpec {
  summary: string;
  usage: string[];
  description: string;
  options: OptionsConfig;
  /** [flags as shown, explanation] in the order shown by --help. */
  optionHelp: Array<[string, string]>;
}

const JOBMANAGER_HELP: [string, string] = ['-m, --jobmanager HOST:PORT', 'JobManager address (several, comma-separated, with HA); default $SLUICE_JOBMANAGER, else 127.0.0.1:6123'];
const HELP_HELP: [string, string] = ['-h, --help', 'Show this help'];
const COMMON = {
  jobmanager: { type: 'string', short: 'm' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export const COMMANDS = {
  run: {
    summary: 'Submit a job file (the default when the first word is a job file)',
    usage: [
      'stream-submit [run] [OPTIONS] job.js [job args...]',
      'stream-submit run --dry-run -s SAVEPOINT [-n] job.js [job args...]',
    ],
    description:
      'Bundles job.js with its imports, builds its dataflow graph and submits both to the JobManager.\n' +
      'Attached (the default) it then waits: exit 0 when the job FINISHED, 1 when it FAILED or was\n' +
      'CANCELED, 130 on Ctrl-C (the job keeps running). Everything after job.js is the job\'s own\n' +
      'arguments (params in the job function). With --dry-run, checks the job against the savepoint\n' +
      'given with -s and prints how its state would restore, without a cluster: exit 0 when the\n' +
      'restore would succeed, 1 when it would fail.',
    options: {
      ...COMMON,
      parallelism: { type: 'string', short: 'p' },
      detached: { type: 'boolean', short: 'd' },
      'from-savepoint': { type: 'string', short: 's' },
      'allow-non-restored-state': { type: 'boolean', short: 'n' },
      name: { type: 'string' },
      'dry-run': { type: 'boolean' },
    },
    optionHelp: [
      JOBMANAGER_HELP,
      ['-p, --parallelism N', "Default parallelism of the job's operators (env.setParallelism in the job file wins)"],
      ['-d, --detached', 'Return after submission instead of waiting for the job to end'],
      ['-s, --from-savepoint PATH', 'Restore the job from a savepoint (directory, _metadata, file:// or redis://)'],
      ['-n, --allow-non-restored-state', 'Drop savepoint state of operators the job no longer has'],
      ['--name NAME', "Job name (default: the job file's name)"],
      ['--dry-run', 'With -s: check the restore and exit; nothing is submitted'],
      HELP_HELP,
    ],
  },
  info: {
    summary: "Print a job file's plan (vertices, parallelism, partitioners, uids) without a cluster",
    usage: ['stream-submit info [-p N] [--json] job.js [job args...]'],
    description:
      'Builds the dataflow graph of job.js as a submission would and prints it: each vertex (a chain of\n' +
      'operators), its parallelism and maxParallelism, the operators with their uids, and the edges\n' +
      'with their partitioners. Nothing is submitted and no JobManager is needed.',
    options: { ...COMMON, parallelism: { type: 'string', short: 'p' }, json: { type: 'boolean' } },
    optionHelp: [['-p, --parallelism N', 'Default parallelism, as for run'], ['--json', 'Print the plan as JSON (the JobGraph)'], HELP_HELP],
  },
  list: {
    summary: 'List the jobs of the cluster',
    usage: ['stream-submit list [-a | -r]'],
    description: 'Lists running and restarting jobs, then terminated ones (FINISHED, FAILED, CANCELED), with start time, id, name and state.',
    options: { ...COMMON, all: { type: 'boolean', short: 'a' }, running: { type: 'boolean', short: 'r' } },
    optionHelp: [JOBMANAGER_HELP, ['-a, --all', 'All jobs, terminated ones too (the default)'], ['-r, --running', 'Only running and restarting jobs'], HELP_HELP],
  },
  status: {
    summary: "Show a job's state and its vertices",
    usage: ['stream-submit status JOBID'],
    description: "Prints the job's state, start and end times, failure cause, and each vertex with its state and parallelism.",
    options: { ...COMMON },
    optionHelp: [JOBMANAGER_HELP, HELP_HELP],
  },
  cancel: {
    summary: 'Cancel a job',
    usage: ['stream-submit cancel JOBID'],
    description: 'Cancels the job without a savepoint (use stop for one).',
    options: { ...COMMON },
    optionHelp: [JOBMANAGER_HELP, HELP_HELP],
  },
  savepoint: {
    summary: 'Trigger, inspect or dispose of a savepoint',
    usage: ['stream-submit savepoint JOBID [TARGET_DIR]', 'stream-submit savepoint --inspect PATH', 'stream-submit savepoint --dispose PATH'],
    description:
      'Triggers a savepoint of a running job (the job goes on) into TARGET_DIR (a directory, file:// or\n' +
      "redis://; default: the job's savepoint directory) and prints 'Savepoint completed. Path: <path>'.\n" +
      '--inspect prints what a savepoint holds per operator uid; --dispose deletes a savepoint (it\n' +
      'refuses anything that is not one). Neither needs a JobManager.',
    options: { ...COMMON, inspect: { type: 'boolean' }, dispose: { type: 'string' } },
    optionHelp: [JOBMANAGER_HELP, ['--inspect PATH', 'Show the operators, parallelism and state in a savepoint'], ['--dispose PATH', 'Delete a savepoint (file or redis://)'], HELP_HELP],
  },
  stop: {
    summary: 'Stop a job with a savepoint',
    usage: ['stream-submit stop JOBID [--savepoint-dir DIR] [--drain]'],
    description:
      "Takes a final savepoint, then finishes the job; prints 'Savepoint completed. Path: <path>'.\n" +
      'With --drain, event time advances to the end first, so every open window fires.',
    options: { ...COMMON, 'savepoint-dir': { type: 'string' }, drain: { type: 'boolean', short: 'd' } },
    optionHelp: [JOBMANAGER_HELP, ['--savepoint-dir DIR', "Where to write the savepoint (default: the job's savepoint directory)"], ['-d, --drain', 'Fire all event-time timers and windows before stopping'], HELP_HELP],
  },
  help: {
    summary: 'Show help for stream-submit or one of its commands',
    usage: ['stream-submit help [COMMAND]'],
    description: 'Same as stream-submit --help, or stream-submit COMMAND --help.',
    options: { ...COMMON },
    optionHelp: [],
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

function optionLines(help: Array<[string, string]>): string[] {
  const width = Math.max(...help.map(([f]) => f.length)) + 3;
  return help.map(([flags, text]) => `  ${flags.padEnd(width)}${text}`);
}

/** `stream-submit --help` without a topic, or `stream-submit COMMAND --help`. */
export function helpText(topic?: CommandName): string {
  if (topic) {
    const c: CommandSpec = COMMANDS[topic];
    const lines = [`Usage: ${c.usage[0]}`, ...c.usage.slice(1).map((u) => `       ${u}`), '', c.description];
    if (c.optionHelp.length > 0) lines.push('', 'Options:', ...optionLines(c.optionHelp));
    return lines.join('\n') + '\n';
  }
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length)) + 3;
  return [
    'Usage: stream-submit [--jobmanager HOST:PORT] [-p N] [-d|--detached] [-s|--from-savepoint PATH]',
    '                     [-n|--allow-non-restored-state] [--name NAME] job.js [job args...]',
    '       stream-submit COMMAND [OPTIONS] [ARGS]',
    '',
    'Submits Sluice jobs to a JobManager and manages them.',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n].summary}`),
    '',
    'Options:',
    ...optionLines([JOBMANAGER_HELP, HELP_HELP, ['-v, --version', "Print Sluice's version"]]),
    '',
    "Run 'stream-submit COMMAND --help' for a command's options; 'stream-submit run --help' for the",
    'submit options of the bare form.',
  ].join('\n') + '\n';
}
