import * as fs from 'node:fs';
import * as https from 'node:https';
import * as path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { errorMessage } from '../common/errors';
import { type ConfigSchema, parseCommandLine } from '../common/config-schema';
import { InvalidArgumentError } from '../common/errors';
import { checkBindAllowed, loadSecurityConfig, type SecurityConfig } from '../common/security';
import { clientEnvHint, clusterLaunch, STREAM_CLUSTER_CONFIG_SCHEMA, type StreamClusterOptions } from './stream-cluster-config';
import { sluiceVersion } from '../common/version';

/**
 * `stream-cluster start`: a local cluster of one JobManager and N TaskManagers, each its own
 * OS process, in the foreground until Ctrl-C or `stream-cluster stop`, which stop the
 * JobManager first (its jobs stay in the HA store, suspended) and then the TaskManagers.
 * The children run in their own process groups, so the terminal's Ctrl-C reaches only this
 * process and the order holds. `--demo` also submits examples/demo-wordcount.js. The host,
 * auth token and TLS options are the processes' own and reach each of them (docs/security.md).
 */
const STOP_SCHEMA = { 'data-dir': STREAM_CLUSTER_CONFIG_SCHEMA['data-dir'] } as const satisfies ConfigSchema;
const PROGRAM = 'stream-cluster';
const USAGE = `Usage: stream-cluster start [options]   (stream-cluster start --help lists them)
       stream-cluster stop [--data-dir ./data]
       stream-cluster --version`;
/** After SIGTERM, how long each process gets before SIGKILL. */
const STOP_GRACE_MS = 15_000;

interface PidFile {
  readonly pid: number;
  readonly jobManager: number;
  readonly taskManagers: number[];
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V') {
    process.stdout.write(`${PROGRAM} ${sluiceVersion()} (Node.js ${process.version})\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command === 'stop') {
    const parsed = parseCommandLine(STOP_SCHEMA, { program: PROGRAM, command: 'stop', summary: 'Stops the cluster `stream-cluster start` runs with this data directory.' }, rest, process.env);
    if (parsed.kind !== 'config') return print(parsed.text);
    return stop(parsed.values['data-dir']);
  }
  if (command !== 'start') throw new InvalidArgumentError(`unknown command '${command}'\n${USAGE}`);
  const parsed = parseCommandLine(STREAM_CLUSTER_CONFIG_SCHEMA, { program: PROGRAM, command: 'start', summary: 'Runs a JobManager and TaskManagers on this machine until Ctrl-C or stream-cluster stop.' }, rest, process.env);
  if (parsed.kind !== 'config') return print(parsed.text);
  return start(parsed.values);
}

async function start(values: StreamClusterOptions): Promise<number> {
  const dataDir = path.resolve(values['data-dir']);
  const pidFile = path.join(dataDir, 'stream-cluster.pid');
  const running = readPidFile(pidFile);
  if (running && alive(running.pid)) throw new InvalidArgumentError(`a cluster (pid ${running.pid}) already runs with data directory ${dataDir}; stop it with: stream-cluster stop --data-dir ${values['data-dir']}`);
  // The children would refuse the same way; refusing here says it once, before anything starts.
  const security = loadSecurityConfig(values);
  checkBindAllowed(PROGRAM, values.host, security, () => undefined);
  fs.mkdirSync(dataDir, { recursive: true });

  const dist = path.join(__dirname, '..');
  const { sharedArgs, serverEnv, clientEnv } = clusterLaunch(values, process.env);
  // detached: each child leads its own process group, out of reach of the terminal's Ctrl-C.
  const launch = (script: string, args: string[], stdout: 'pipe' | 'inherit') =>
    spawn(process.execPath, [path.join(dist, script), ...args, ...sharedArgs], { stdio: ['ignore', stdout, 'inherit'], detached: true, env: serverEnv });
  const jm = launch(path.join('jobmanager', 'main.js'), ['--rpc-port', String(values['rpc-port']), '--rest-port', String(values['rest-port']), '--data-dir', dataDir], 'pipe');
  const taskManagers: ChildProcess[] = [];
  const writePidFile = () => fs.writeFileSync(pidFile, JSON.stringify({ pid: process.pid, jobManager: jm.pid!, taskManagers: taskManagers.map((t) => t.pid!) } satisfies PidFile));
  writePidFile();

  let stopping = false;
  const stopAll = (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write('Stopping the cluster: the JobManager first, then the TaskManagers...\n');
    // The JobManager first: its jobs stay in the HA store (suspended) and resume on the next
    // start, instead of failing because their TaskManagers went away.
    void stopInOrder(jm, taskManagers).then(() => {
      fs.rmSync(pidFile, { force: true });
      process.exit(code);
    });
  };
  process.once('SIGINT', () => stopAll(0));
  process.once('SIGTERM', () => stopAll(0));
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
  if (!started || stopping) return new Promise<number>(() => {}); // stopAll exits

  for (let i = 0; i < values.taskmanagers; i++)
    taskManagers.push(launch(path.join('taskmanager', 'main.js'), ['--jobmanager', started.rpc, '--slots', String(values.slots), '--id', `taskmanager-${i + 1}`], 'inherit'));
  writePidFile();
  process.stdout.write(`Sluice cluster is up: 1 JobManager, ${values.taskmanagers} TaskManagers with ${values.slots} slots each.\n`);
  process.stdout.write(`Dashboard and REST API: ${started.rest}\n`);
  process.stdout.write(`Submit jobs with: ${clientEnvHint(values)}SLUICE_JOBMANAGER=${started.rpc} npx stream-submit examples/wordcount.js\n`);
  process.stdout.write(`Stop it with Ctrl-C or: stream-cluster stop --data-dir ${values['data-dir']}\n`);

  const resumed = await resumedJobs(started.rest, security);
  if (resumed.length > 0)
    process.stdout.write(
      `Resumed ${resumed.length} job(s) from the previous run, kept in ${dataDir}: ${resumed.map((j) => `'${j.name}'`).join(', ')}. To start clean instead: stream-cluster stop --data-dir ${values['data-dir']}, then delete ${dataDir}.\n`,
    );
  if (values.demo && resumed.some((j) => j.name === DEMO_JOB_NAME)) {
    process.stdout.write('The demo job was resumed from the previous run; its word counts appear below. Press Ctrl-C to stop the cluster.\n');
  } else if (values.demo) {
    const job = path.join(dist, '..', 'examples', 'demo-wordcount.js');
    const submit = spawn(process.execPath, [path.join(dist, 'client', 'cli', 'stream-submit.js'), '--jobmanager', started.rpc, '--detached', job], { stdio: 'inherit', detached: true, env: clientEnv });
    const code = await new Promise<number | null>((r) => submit.once('exit', r));
    if (code !== 0) process.stderr.write('Error: the demo job could not be submitted (see above)\n');
    else process.stdout.write('Demo job running: running word counts appear below. Press Ctrl-C to stop the cluster.\n');
  }
  return new Promise<number>(() => {}); // runs until Ctrl-C or stream-cluster stop
}

/** SIGTERM to the JobManager, wait for it, then to the TaskManagers; SIGKILL whatever outlives the grace period. */
async function stopInOrder(jobManager: ChildProcess, taskManagers: readonly ChildProcess[]): Promise<void> {
  await terminate(jobManager);
  await Promise.all(taskManagers.map(terminate));
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** `stream-cluster stop`: asks the running `stream-cluster start` to stop; if it is gone, stops its children itself. */
async function stop(dataDirOption: string): Promise<number> {
  const pidFile = path.join(path.resolve(dataDirOption), 'stream-cluster.pid');
  const info = readPidFile(pidFile);
  if (!info) throw new InvalidArgumentError(`no cluster runs with data directory ${path.resolve(dataDirOption)} (no ${pidFile})`);
  const order = alive(info.pid) ? [[info.pid]] : [[info.jobManager], info.taskManagers];
  for (const group of order) {
    for (const pid of group) if (alive(pid)) process.kill(pid, 'SIGTERM');
    await waitUntilGone(group, STOP_GRACE_MS * 2);
  }
  fs.rmSync(pidFile, { force: true });
  process.stdout.write(`Stopped the cluster of ${path.resolve(dataDirOption)}\n`);
  return 0;
}

async function waitUntilGone(pids: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(alive)) {
    if (Date.now() > deadline) {
      for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

function readPidFile(file: string): PidFile | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PidFile;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The JobManager resumes jobs of its HA store (./data/ha): the demo may be running already. */
const DEMO_JOB_NAME = 'Demo word count';

/** The jobs the JobManager runs right after it started: what it resumed from the data directory's HA store. */
async function resumedJobs(restUrl: string, security: SecurityConfig): Promise<Array<{ name: string; state: string }>> {
  try {
    const body = JSON.parse(await getText(`${restUrl}/jobs/overview`, security)) as { jobs: Array<{ name: string; state: string }> };
    return body.jobs.filter((j) => !['FINISHED', 'FAILED', 'CANCELED'].includes(j.state));
  } catch {
    return [];
  }
}

/** GET over http, or https verified against tls-ca (fetch takes no CA). */
async function getText(url: string, security: SecurityConfig): Promise<string> {
  if (!url.startsWith('https:')) return (await fetch(url, { signal: AbortSignal.timeout(10_000) })).text();
  return new Promise((resolve, reject) => {
    const req = https.get(url, { ca: security.tlsCa || undefined, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url}`)));
    req.on('error', reject);
  });
}

function print(text: string): number {
  process.stdout.write(text + '\n');
  return 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${PROGRAM}: ${errorMessage(err)}\n`);
      process.exit(2);
    },
  );
