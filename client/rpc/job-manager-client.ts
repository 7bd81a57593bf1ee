import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { callUnary, CLIENT_CHANNEL_OPTIONS } from '../../proto/grpc-calls';
import type { JobStatus, JobSummary, SubmitJobRequest } from '../../proto/messages';
import { UnreachableError } from '../../common/errors';

export const DEFAULT_JOBMANAGER = '127.0.0.1:6123';

export function resolveJobManagerAddress(flag: string | undefined): string {
  return flag ?? process.env.SLUICE_JOBMANAGER ?? DEFAULT_JOBMANAGER;
}

/** The client's view of the JobManagerGateway service. */
export class JobManagerClient {
  private readonly client: grpc.Client;

  constructor(readonly address: string) {
    const Service = sluiceService('JobManagerGateway');
    this.client = new Service(address, grpc.credentials.createInsecure(), CLIENT_CHANNEL_OPTIONS);
  }

  /** Fails fast with one clear message when nothing answers at the address. */
  async connect(timeoutMs = 5_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.client.waitForReady(Date.now() + timeoutMs, (err) => {
        if (err)
          reject(
            new UnreachableError(
              `Cannot reach the JobManager at ${this.address}. Is it running? Point to it with --jobmanager HOST:PORT or $SLUICE_JOBMANAGER.`,
              err,
            ),
          );
        else resolve();
      });
    });
  }

  submitJob(req: SubmitJobRequest): Promise<{ jobId: string }> {
    return callUnary(this.client, 'SubmitJob', req, this.target(), 60_000);
  }

  async listJobs(): Promise<JobSummary[]> {
    const res = await callUnary<object, { jobs: JobSummary[] }>(this.client, 'ListJobs', {}, this.target());
    return res.jobs;
  }

  getJobStatus(jobId: string): Promise<JobStatus> {
    return callUnary(this.client, 'GetJobStatus', { jobId }, this.target());
  }

  cancelJob(jobId: string): Promise<JobStatus> {
    return callUnary(this.client, 'CancelJob', { jobId }, this.target());
  }

  /** Resolves with the savepoint's path once it completed (it may take a while). */
  async triggerSavepoint(jobId: string, targetDirectory: string | undefined, cancelJob = false): Promise<string> {
    const res = await callUnary<object, { path: string }>(this.client, 'TriggerSavepoint', { jobId, targetDirectory: targetDirectory ?? '', cancelJob, drain: false }, this.target(), 15 * 60_000);
    return res.path;
  }

  async stopWithSavepoint(jobId: string, targetDirectory: string | undefined, drain: boolean): Promise<string> {
    const res = await callUnary<object, { path: string }>(this.client, 'StopWithSavepoint', { jobId, targetDirectory: targetDirectory ?? '', cancelJob: false, drain }, this.target(), 15 * 60_000);
    return res.path;
  }

  close(): void {
    this.client.close();
  }

  private target(): string {
    return `the JobManager at ${this.address}`;
  }
}
