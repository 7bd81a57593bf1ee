import * as path from 'node:path';
import type { SubmitOptions } from './cli-args';
import { buildJobFromFile, type JobFromFile } from './build-job-from-file';
import { toLocation } from './locations';
import { formatRestoreCheck } from './format-restore-check';
import { indentedStack, oneLine } from './format-jobs';
import type { JobManagerClient, JobStatusReply } from '../rpc/job-manager-client';
import { statefulOperatorsWithoutUid } from '../../job/uid-warnings';
import { readSavepoint } from '../../common/checkpoint/savepoint-reader';
import { checkSavepointCompatibility } from '../../common/checkpoint/savepoint-compatibility';

const TERMINAL = new Set(['FINISHED', 'FAILED', 'CANCELED']);
const POLL_MS = 300;
/** The shell's exit code for a process ended by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

/**
 * `stream-submit [run] job.js`: builds the graph (before contacting the cluster: a broken job
 * file is the user's to fix and needs no JobManager to be reported), submits it, and attached
 * waits for the job to end. With --dry-run, checks the restore from -s and submits nothing.
 */
export async function runJob(client: JobManagerClient, jobFile: string, jobArgs: string[], options: SubmitOptions): Promise<number> {
  const job = await buildJobFromFile(jobFile, jobArgs, options.parallelism, { declaredStates: options.dryRun });
  const { graph } = job;
  if (options.name) graph.name = options.name;
  printJobWarnings(job, jobFile, options.parallelism);

  const savepointPath = options.fromSavepoint ? toLocation(options.fromSavepoint) : '';
  if (options.dryRun) {
    const sp = await readSavepoint(savepointPath);
    const check = checkSavepointCompatibility(graph, sp, savepointPath, options.allowNonRestoredState, job.declaredStates);
    process.stdout.write(formatRestoreCheck(graph, sp, check, options.allowNonRestoredState));
    return check.problems.length === 0 ? 0 : 1;
  }

  await client.connect();
  const { jobId } = await client.submitJob({
    graph,
    artifact: { code: job.code, args: jobArgs, defaultParallelism: options.parallelism ?? 0, fileName: path.basename(jobFile) },
    savepointPath,
    allowNonRestoredState: options.allowNonRestoredState,
  });
  process.stdout.write(`Job has been submitted with JobID ${jobId}\n`);
  if (options.detached) return 0;

  const final = await waitForTerminalOrInterrupt(client, jobId);
  if (final === 'interrupted') {
    const where = options.jobmanager ? ` --jobmanager ${options.jobmanager}` : '';
    process.stderr.write(`\nInterrupted: job ${jobId} keeps running on the cluster (Ctrl-C only detaches this client). Cancel it with: stream-submit cancel ${jobId}${where}\n`);
    return EXIT_INTERRUPTED;
  }
  const done = final.job;
  if (done.state === 'FINISHED') {
    process.stdout.write(`Job ${jobId} FINISHED in ${(done.endTime ?? Date.now()) - done.startTime} ms\n`);
    return 0;
  }
  process.stderr.write(`Job ${jobId} ${done.state}${done.failureCause ? `: ${oneLine(done.failureCause)}` : ''}\n`);
  // As Flink's CLI does: the root exception with its stack, under the one-line summary.
  if (done.failureStack) process.stderr.write(indentedStack(done.failureStack));
  return 1;
}

/** What a user should fix in a job file before relying on it (stderr; `run` and `info`). */
export function printJobWarnings(job: JobFromFile, jobFile: string, parallelism: number | undefined): void {
  for (const warning of statefulOperatorsWithoutUid(job.graph)) process.stderr.write(`Warning: ${warning}\n`);
  if (parallelism !== undefined && job.environmentParallelism !== parallelism)
    process.stderr.write(
      `Warning: -p ${parallelism} is overridden by env.setParallelism(${job.environmentParallelism}) in ${path.basename(jobFile)}: its operators run with parallelism ${job.environmentParallelism} unless they set their own. Remove the call to let -p decide.\n`,
    );
}

/**
 * Polls the job until it ends; Ctrl-C stops the wait (never the job) at once, even while a
 * status call is still waiting for the JobManager.
 */
async function waitForTerminalOrInterrupt(client: JobManagerClient, jobId: string): Promise<JobStatusReply | 'interrupted'> {
  let onSigint!: () => void;
  const interrupted = new Promise<'interrupted'>((resolve) => (onSigint = () => resolve('interrupted')));
  process.once('SIGINT', onSigint);
  let timer: NodeJS.Timeout | undefined;
  try {
    for (;;) {
      const status = await Promise.race([client.getJobStatus(jobId), interrupted]);
      if (status === 'interrupted' || TERMINAL.has(status.job.state)) return status;
      const next = await Promise.race([new Promise<'poll'>((resolve) => (timer = setTimeout(resolve, POLL_MS, 'poll'))), interrupted]);
      if (next === 'interrupted') return next;
    }
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSigint);
  }
}

