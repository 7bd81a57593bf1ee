import { parseCliArgs, type CliCommand } from './cli-args';
import * as fs from 'node:fs';
import { COMMANDS, helpText } from './cli-commands';
import { runJob, printJobWarnings } from './run-command';
import { buildJobFromFile } from './build-job-from-file';
import { toLocation } from './locations';
import { clientSecurityFromEnv } from '../rpc/client-security';
import { JobManagerClient, resolveJobManagerAddress } from '../rpc/job-manager-client';
import { normalizeJobId } from '../../common/ids';
import { InvalidArgumentError, errorMessage } from '../../common/errors';
import { sluiceVersion } from '../../common/version';
import { formatJobList, formatJobStatus, oneLine } from './format-jobs';
import { formatSavepoint } from './format-savepoint';
import { formatPlan, planJson } from './format-plan';
import { readSavepoint } from '../../common/checkpoint/savepoint-reader';
import { disposeSavepoint } from '../../common/checkpoint/savepoint-disposal';
import { closeStorageClients } from '../../common/checkpoint/storage-registry';

/** `stream-submit`: the user's command line for the JobManager. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let cmd: CliCommand;
  try {
    cmd = parseCliArgs(argv);
  } catch (err) {
    return fail(err);
  }
  try {
    switch (cmd.command) {
      case 'help':
        process.stdout.write(helpText(cmd.topic));
        return 0;
      case 'version':
        process.stdout.write(`stream-submit (Sluice) ${sluiceVersion()}\n`);
        return 0;
      case 'info': {
        const job = await buildJobFromFile(cmd.jobFile, cmd.jobArgs, cmd.parallelism);
        printJobWarnings(job, cmd.jobFile, cmd.parallelism);
        process.stdout.write(cmd.json ? JSON.stringify(planJson(job.graph), null, 2) + '\n' : formatPlan(job.graph));
        return 0;
      }
      case 'inspect':
        process.stdout.write(formatSavepoint(await readSavepoint(toLocation(cmd.path))));
        return 0;
      case 'dispose':
        process.stdout.write(`Savepoint ${(await disposeSavepoint(toLocation(cmd.path))).replace(/^file:\/\//, '')} disposed.\n`);
        return 0;
      default:
        return await onCluster(cmd);
    }
  } catch (err) {
    return fail(err);
  } finally {
    closeStorageClients();
  }
}

type ClusterCommand = Extract<CliCommand, { command: 'run' | 'list' | 'status' | 'cancel' | 'savepoint' | 'stop' }>;

/** Commands that talk to the JobManager (run --dry-run only builds and reads a savepoint). */
async function onCluster(cmd: ClusterCommand): Promise<number> {
  const client = new JobManagerClient(resolveJobManagerAddress(cmd.command === 'run' ? cmd.options.jobmanager : cmd.jobmanager), clientSecurityFromEnv(process.env));
  try {
    switch (cmd.command) {
      case 'run':
        requireJobFileOrCommand(cmd.jobFile);
        return await runJob(client, cmd.jobFile, cmd.jobArgs, cmd.options);
      case 'list':
        await client.connect();
        process.stdout.write(formatJobList(await client.listJobs(), cmd.filter));
        return 0;
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
    }
  } finally {
    client.close();
  }
}

/** The job id in its canonical (lowercase) form; the same rule as REST and gRPC (common/ids.ts). */
/** A bare word that is no file is more likely a mistyped command than a job file. */
function requireJobFileOrCommand(jobFile: string): void {
  if (/[./\\]/.test(jobFile) || fs.existsSync(jobFile)) return;
  throw new InvalidArgumentError(`'${jobFile}' is neither a command nor a job file. Commands: ${Object.keys(COMMANDS).join(', ')} (see 'stream-submit --help').`);
}

function requireJobId(jobId: string): string {
  const id = normalizeJobId(jobId);
  if (!id) throw new InvalidArgumentError(`'${jobId}' is not a job id: job ids are 32 hexadecimal characters (see 'stream-submit list')`);
  return id;
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
