import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { callUnary } from '../../proto/grpc-calls';
import { securedClient } from '../../proto/grpc-security';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';
import type { JobStatus, JobSummary, SubmitJobRequestInput } from '../../proto/messages';
import { present } from '../../proto/present';
import { InvalidArgumentError, SluiceError, UnreachableError } from '../../common/errors';

/** A job's status as the JobManager always sends it: with its summary. */
export type JobStatusReply = JobStatus & { job: JobSummary };

function withSummary(status: JobStatus): JobStatusReply {
  return { ...status, job: present(status.job, 'job summary (JobStatus.job)') };
}

export const DEFAULT_JOBMANAGER = '127.0.0.1:6123';

export function resolveJobManagerAddress(flag: string | undefined): string {
  if (flag !== undefined) return flag;
  const env = process.env.SLUICE_JOBMANAGER;
  if (env === undefined || env === '') return DEFAULT_JOBMANAGER;
  validateJobManagerAddresses(env, '$SLUICE_JOBMANAGER');
  return env;
}

/** HOST:PORT[,HOST:PORT...] with ports 1-65535: refused here rather than as a gRPC target error. */
export function validateJobManagerAddresses(value: string, source: string): void {
  const parts = value.split(',').map((p) => p.trim());
  for (const part of parts) {
    const m = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(part);
    if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535)
      throw new InvalidArgumentError(`${source} must be HOST:PORT (or several, comma-separated), got '${value}': e.g. --jobmanager 127.0.0.1:6123`);
  }
}

/**
 * The client's view of the JobManagerGateway service. With several addresses (JobManagers
 * with leader election), connect() finds the leader: standbys answer NOT_LEADER.
 */
export class JobManagerClient {
  private client: grpc.Client;
  private readonly candidates: string[];
  address: string;

  constructor(
    addresses: string,
    private readonly security: SecurityConfig = NO_SECURITY,
  ) {
    this.candidates = addresses.split(',').map((a) => a.trim()).filter(Boolean);
    this.address = this.candidates[0];
    this.client = this.channel(this.address);
  }

  /** Fails fast with one clear message when no JobManager (leader) answers. */
  async connect(timeoutMs = 5_000): Promise<void> {
    let lastError: unknown;
    for (const address of this.candidates) {
      if (address !== this.address) {
        this.client.close();
        this.address = address;
        this.client = this.channel(address);
      }
      try {
        await new Promise<void>((resolve, reject) => this.client.waitForReady(Date.now() + timeoutMs, (err) => (err ? reject(err) : resolve())));
        if (this.candidates.length === 1) return;
        await this.listJobs(); // a standby refuses with NOT_LEADER
        return;
      } catch (err) {
        lastError = err;
      }
    }
    if (lastError instanceof SluiceError && lastError.code === 'NOT_LEADER') throw new UnreachableError(`No leader among the JobManagers at ${this.candidates.join(', ')}: ${lastError.message}`, lastError);
    throw new UnreachableError(
      `Cannot reach the JobManager at ${this.candidates.join(', ')}. Is it running? Point to it with --jobmanager HOST:PORT or $SLUICE_JOBMANAGER.`,
      lastError,
    );
  }

  private channel(address: string): grpc.Client {
    return securedClient(sluiceService('JobManagerGateway'), address, this.security);
  }

  submitJob(req: SubmitJobRequestInput): Promise<{ jobId: string }> {
    return callUnary(this.client, 'SubmitJob', req, this.target(), 60_000);
  }

  async listJobs(): Promise<JobSummary[]> {
    const res = await callUnary<object, { jobs: JobSummary[] }>(this.client, 'ListJobs', {}, this.target());
    return res.jobs;
  }

  async getJobStatus(jobId: string): Promise<JobStatusReply> {
    return withSummary(await callUnary<object, JobStatus>(this.client, 'GetJobStatus', { jobId }, this.target()));
  }

  async cancelJob(jobId: string): Promise<JobStatusReply> {
    return withSummary(await callUnary<object, JobStatus>(this.client, 'CancelJob', { jobId }, this.target()));
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
