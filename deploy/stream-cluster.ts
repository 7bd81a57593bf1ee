import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { errorMessage } from '../common/errors';

/**
 * `stream-cluster start`: a local cluster of one JobManager and N TaskManagers, each its own
 * OS process, in the foreground until Ctrl-C, which stops every process it started.
 * `--demo` also submits examples/demo-wordcount.js.
 */
const USAGE = 'Usage: stream-cluster start [--taskmanagers 2] [--slots 2] [--rpc-port 6123] [--rest-port 8081] [--data-dir ./data] [--demo]';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'start') {
    process.stderr.write(`${command ? `Error: unknown command '${command}'\n` : ''}${USAGE}\n`);
    return command ? 2 : 0;
  }
  let values;
  try {
    values = parseArgs({
      args: rest,
      strict: true,
      options: {
        taskmanagers: { type: 'string', default: '2' },
        slots: { type: 'string', default: '2' },
        'rpc-port': { type: 'string', default: '6123' },
        'rest-port': { type: 'string', default: '8081' },
        'data-dir': { type: 'string', default: './data' },
        demo: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    process.stderr.write(`Error: ${errorMessage(err)}\n${USAGE}\n`);
    return 2;
  }
  const tmCount = Number(values.taskmanagers);
  if (!Number.isInteger(tmCount) || tmCount < 1) {
    process.stderr.write(`Error: --taskmanagers must be a positive integer\n`);
    return 2;
  }

  const dist = path.join(__dirname, '..');
  const children: ChildProcess[] = [];
  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('Stopping the cluster...\n');
    const exited = (c: ChildProcess) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)));
    const deadline = setTimeout(() => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    }, 8000);
    // The JobManager first: its jobs stay in the HA store (suspended) and resume on the next
    // start, instead of failing because their TaskManagers went away.
    const [jobManager, ...taskManagers] = children;
    if (jobManager.exitCode === null) jobManager.kill('SIGTERM');
    exited(jobManager)
      .then(() => {
        for (const c of taskManagers) if (c.exitCode === null) c.kill('SIGTERM');
        return Promise.all(taskManagers.map(exited));
      })
      .then(() => {
        clearTimeout(deadline);
        process.exit(code);
      });
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));

  const jm = spawn(process.execPath, [path.join(dist, 'jobmanager', 'main.js'), '--rpc-port', values['rpc-port']!, '--rest-port', values['rest-port']!, '--data-dir', values['data-dir']!], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(jm);
  jm.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`Error: the JobManager exited (code ${code})\n`);
      stopAll(1);
    }
  });
  const started = await new Promise<{ rpc: string; rest: string } | undefined>((resolve) => {
    const rl = createInterface({ input: jm.stdout! });
    rl.on('line', (line) => {
      process.stdout.write(line + '\n');
      const m = /rpc=(\S+) rest=(\S+)/.exec(line);
      if (m) resolve({ rpc: m[1], rest: m[2] });
    });
    jm.once('exit', () => resolve(undefined));
  });
  if (!started) return 1;

  for (let i = 0; i < tmCount; i++) {
    const tm = spawn(process.execPath, [path.join(dist, 'taskmanager', 'main.js'), '--jobmanager', started.rpc, '--slots', values.slots!, '--id', `taskmanager-${i + 1}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(tm);
  }
  process.stdout.write(`Sluice cluster is up: 1 JobManager, ${tmCount} TaskManagers with ${values.slots} slots each.\n`);
  process.stdout.write(`Dashboard and REST API: ${started.rest}\n`);
  process.stdout.write(`Submit jobs with: SLUICE_JOBMANAGER=${started.rpc} npx stream-submit examples/wordcount.js\n`);

  if (values.demo && (await demoAlreadyRunning(started.rest))) {
    process.stdout.write('The demo job was resumed from the previous run (data dir HA store); its word counts appear below. Press Ctrl-C to stop the cluster.\n');
  } else if (values.demo) {
    const job = path.join(dist, '..', 'examples', 'demo-wordcount.js');
    const submit = spawn(process.execPath, [path.join(dist, 'client', 'cli', 'stream-submit.js'), '--jobmanager', started.rpc, '--detached', job], { stdio: 'inherit' });
    const code = await new Promise<number | null>((r) => submit.once('exit', r));
    if (code !== 0) process.stderr.write('Error: the demo job could not be submitted (see above)\n');
    else process.stdout.write('Demo job running: running word counts appear below. Press Ctrl-C to stop the cluster.\n');
  }
  return new Promise<number>(() => {}); // runs until Ctrl-C
}

/** The JobManager resumes jobs of its HA store (./data/ha): the demo may be running already. */
async function demoAlreadyRunning(restUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${restUrl}/jobs/overview`);
    const body = (await res.json()) as { jobs: Array<{ name: string; state: string }> };
    return body.jobs.some((j) => j.name === 'Demo word count' && !['FINISHED', 'FAILED', 'CANCELED'].includes(j.state));
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Error: ${errorMessage(err)}\n`);
    process.exit(1);
  },
);
