import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { CLIENT_CHANNEL_OPTIONS, callUnary } from '../../proto/grpc-calls';
import type { JobArtifact, JobGraph, JobStatus, JobSummary } from '../../proto/messages';
import { present } from '../../proto/present';

/** GetJobStatus's answer as the JobManager always sends it: with the job's summary. */
export type JobStatusWithSummary = JobStatus & { job: JobSummary };

function withSummary(status: JobStatus): JobStatusWithSummary {
  return { ...status, job: present(status.job, 'JobStatus.job') };
}
import { type JobManagerConfig, normalizeJobManagerConfig } from '../config';
import { JobManager, type JobManagerAddresses, type JobManagerOptions } from '../job-manager';
import { ProtocolTaskManager, type ProtocolTaskManagerOptions } from './protocol-task-manager';
import { testArtifact } from './test-job-graphs';
import { waitUntil } from '../../test/harness/wait-for';

/**
 * A JobManager running in-process on real gRPC and HTTP ports (port 0), a real gRPC client
 * for its JobManagerGateway, and ProtocolTaskManagers attached to it; `close()` tears all
 * of it down.
 */
export class JobManagerFixture {
  readonly taskManagers: ProtocolTaskManager[] = [];
  private tmCounter = 0;

  private constructor(
    readonly jm: JobManager,
    readonly addresses: JobManagerAddresses,
    private readonly client: grpc.Client,
    private readonly rmClient: grpc.Client,
    private readonly dataDir: string,
  ) {}

  static async start(config: Partial<JobManagerConfig> = {}, options: Omit<JobManagerOptions, 'config'> = {}): Promise<JobManagerFixture> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-jm-test-'));
    const jm = new JobManager({ ...options, config: normalizeJobManagerConfig({ rpcPort: 0, restPort: 0, dataDir, ...config }) });
    const addresses = await jm.start();
    const channel = (name: 'JobManagerGateway' | 'ResourceManagerGateway') =>
      new (sluiceService(name))(addresses.rpcAddress, grpc.credentials.createInsecure(), CLIENT_CHANNEL_OPTIONS);
    return new JobManagerFixture(jm, addresses, channel('JobManagerGateway'), channel('ResourceManagerGateway'), dataDir);
  }

  /** Starts a ProtocolTaskManager registered and connected to this JobManager. */
  async addTaskManager(options: Partial<Omit<ProtocolTaskManagerOptions, 'jobManagerAddress'>> = {}): Promise<ProtocolTaskManager> {
    const n = this.tmCounter++;
    const tm = await ProtocolTaskManager.start({ id: `tm-${n}`, dataPortBase: 20_000 + n * 100, ...options, jobManagerAddress: this.addresses.rpcAddress });
    this.taskManagers.push(tm);
    return tm;
  }

  async submit(graph: JobGraph, artifact: JobArtifact = testArtifact()): Promise<string> {
    const res = await this.call<{ jobId: string }>('SubmitJob', { graph, artifact, savepointPath: '', allowNonRestoredState: false });
    return res.jobId;
  }

  async status(jobId: string): Promise<JobStatusWithSummary> {
    return withSummary(await this.call<JobStatus>('GetJobStatus', { jobId }));
  }

  async cancel(jobId: string): Promise<JobStatusWithSummary> {
    return withSummary(await this.call<JobStatus>('CancelJob', { jobId }));
  }

  async list(): Promise<JobSummary[]> {
    return (await this.call<{ jobs: JobSummary[] }>('ListJobs', {})).jobs;
  }

  /** A JobManagerGateway call, as a client makes it. */
  call<Res>(method: string, req: object): Promise<Res> {
    return callUnary<object, Res>(this.client, method, req, 'JobManager');
  }

  /** A ResourceManagerGateway call, as a TaskManager makes it. */
  rmCall<Res>(method: string, req: object): Promise<Res> {
    return callUnary<object, Res>(this.rmClient, method, req, 'JobManager');
  }

  /** Waits until the job is in `state` (read through the real GetJobStatus RPC); returns its status. */
  async waitForJobState(jobId: string, state: string, timeoutMs = 5_000): Promise<JobStatusWithSummary> {
    let last: JobStatusWithSummary | undefined;
    await waitUntil(
      async () => {
        last = await this.status(jobId);
        return last.job.state === state;
      },
      `job ${jobId} to reach ${state} (last: ${last?.job.state})`,
      timeoutMs,
    );
    return last!;
  }

  async close(): Promise<void> {
    this.client.close();
    this.rmClient.close();
    await this.jm.close();
    for (const tm of this.taskManagers) await tm.close();
    fs.rmSync(this.dataDir, { recursive: true, force: true });
  }
}
