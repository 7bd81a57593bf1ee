import * as path from 'node:path';
import { parseCliArgs, USAGE, type CliCommand, type SubmitOptions } from './cli-args';
import { JobManagerClient, resolveJobManagerAddress } from '../rpc/job-manager-client';
import { buildJobInSandbox } from '../../job/sandboxed-job-build';
import { normalizeJobId } from '../../common/ids';
import { InvalidArgumentError, errorMessage } from '../../common/errors';
import type { JobStatus } from '../../proto/messages';
import { formatJobList, formatJobStatus } from './format-jobs';
import { formatSavepoint } from './format-savepoint';
import { readSavepoint } from '../../common/checkpoint/savepoint-reader';
import { closeStorageClients } from '../../common/checkpoint/storage-registry';
import { statefulOperatorsWithoutUid } from '../../job/uid-warnings';

const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED']);

/** `stream-submit`: the user's command line for the JobManager. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCliArgs(argv);
  } catch (err) {
    return fail(err);
  }
  if (cmd.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const client = new JobManagerClient(resolveJobManagerAddress(cmd.command === 'run' ? cmd.options.jobmanager : 'jobmanager' in cmd ? cmd.jobmanager : undefined));
  try {
    switch (cmd.command) {
      case 'list': {
        await client.connect();
        process.stdout.write(formatJobList(await client.listJobs()));
        return 0;
      }
      case 'status': {
        const jobId = requireJobId(cmd.jobId);
        await client.connect();
        process.stdout.write(formatJobStatus(await client.getJobStatus(jobId)));
        return 0;
      }
      case 'cancel': {
        const jobId = requireJobId(cmd.jobId);
        await client.connect();
        await client.cancelJob(jobId);
        process.stdout.write(`Cancelled job ${jobId}.\n`);
        return 0;
      }
      case 'savepoint': {
        const jobId = requireJobId(cmd.jobId);
        await client.connect();
        const target = cmd.targetDirectory ? toLocation(cmd.targetDirectory) : undefined;
        process.stdout.write(`Triggering savepoint for job ${jobId}.\n`);
        process.stdout.write(`Savepoint completed. Path: ${await client.triggerSavepoint(jobId, target)}\n`);
        return 0;
      }
      case 'stop': {
        const jobId = requireJobId(cmd.jobId);
        await client.connect();
        const target = cmd.savepointDir ? toLocation(cmd.savepointDir) : undefined;
        process.stdout.write(`Suspending job ${jobId}${cmd.drain ? ' (draining event time to the end)' : ''}.\n`);
        process.stdout.write(`Savepoint completed. Path: ${await client.stopWithSavepoint(jobId, target, cmd.drain)}\n`);
        return 0;
      }
      case 'inspect':
        process.stdout.write(formatSavepoint(await readSavepoint(toLocation(cmd.path))));
        return 0;
      case 'run':
        return await run(client, cmd.jobFile, cmd.jobArgs, cmd.options);
    }
  } catch (err) {
    return fail(err);
  } finally {
    client.close();
    // Redis clients of savepoint reads (--inspect redis://...) would keep the process alive.
    closeStorageClients();
  }
}

async function run(client: JobManagerClient, jobFile: string, jobArgs: string[], options: SubmitOptions): Promise<number> {
  // Build the graph before contacting the cluster: a broken job file is the user's to fix
  // and needs no JobManager to be reported.
  // In a sandboxed worker: a job file that calls process.exit() or loops cannot end or hang
  // the CLI with nothing submitted.
  const fileName = path.resolve(jobFile);
  const { code, graph } = await buildJobInSandbox({ path: fileName, name: fileName, args: jobArgs, parallelism: options.parallelism ?? 0 }, { timeoutMs: buildTimeoutMs() });
  if (options.name) graph.name = options.name;
  for (const warning of statefulOperatorsWithoutUid(graph)) process.stderr.write(`Warning: ${warning}\n`);
  await client.connect();
  const { jobId } = await client.submitJob({
    graph,
    artifact: { code, args: jobArgs, defaultParallelism: options.parallelism ?? 0, fileName: path.basename(jobFile) },
    savepointPath: options.fromSavepoint ? toLocation(options.fromSavepoint) : '',
    allowNonRestoredState: options.allowNonRestoredState,
  });
  process.stdout.write(`Job has been submitted with JobID ${jobId}\n`);
  if (options.detached) return 0;
  const final = await waitForTerminal(client, jobId);
  const job = final.job;
  if (job.state === 'FINISHED') {
    process.stdout.write(`Job ${jobId} FINISHED in ${job.endTime - job.startTime} ms\n`);
    return 0;
  }
  process.stderr.write(`Job ${jobId} ${job.state}${job.failureCause ? `: ${oneLine(job.failureCause)}` : ''}\n`);
  return 1;
}

async function waitForTerminal(client: JobManagerClient, jobId: string): Promise<JobStatus> {
  for (;;) {
    const status = await client.getJobStatus(jobId);
    if (TERMINAL.has(status.job.state)) return status;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** `SLUICE_BUILD_TIMEOUT_MS`: how long building the job's pipeline may take (default 30 s). */
function buildTimeoutMs(): number | undefined {
  const raw = process.env.SLUICE_BUILD_TIMEOUT_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) throw new InvalidArgumentError(`SLUICE_BUILD_TIMEOUT_MS must be a positive number of milliseconds, got '${raw}'`);
  return ms;
}

/** Savepoint paths: a relative path is resolved here, where the user typed it. */
function toLocation(p: string): string {
  return /^[a-z]+:\/\//.test(p) ? p : path.resolve(p);
}

/** The job id in its canonical (lowercase) form; the same rule as REST and gRPC (common/ids.ts). */
function requireJobId(jobId: string): string {
  const id = normalizeJobId(jobId);
  if (!id) throw new InvalidArgumentError(`'${jobId}' is not a job id: job ids are 32 hexadecimal characters (see 'stream-submit list')`);
  return id;
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' | ');
}

function fail(err: unknown): number {
  process.stderr.write(`Error: ${oneLine(errorMessage(err))}\n`);
  return 1;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.exitCode = fail(err);
    },
  );
}
