import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { callUnary } from '../../proto/grpc-calls';
import { securedClient } from '../../proto/grpc-security';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';
import type { CheckpointAck, CheckpointDecline, ConnectEvent, HeartbeatRequest, JobDeploymentInfo, ReaderToEnumeratorEventInput, RegisterTaskManagerRequest, TaskExecutionState } from '../../proto/messages';
import { present } from '../../proto/present';
import type { JobDeployment } from '../../job/loaded-job';

/** The TaskManager's view of the JobManager's ResourceManagerGateway. */
export class ResourceManagerClient {
  private readonly client: grpc.Client;

  constructor(
    readonly address: string,
    security: SecurityConfig = NO_SECURITY,
  ) {
    this.client = securedClient(sluiceService('ResourceManagerGateway'), address, security);
  }

  private get target(): string {
    return `the JobManager at ${this.address}`;
  }

  register(req: RegisterTaskManagerRequest): Promise<{ jobManagerId: string; heartbeatIntervalMs: number }> {
    return callUnary(this.client, 'RegisterTaskManager', req, this.target, 5_000);
  }

  heartbeat(req: HeartbeatRequest): Promise<{ known: boolean }> {
    return callUnary(this.client, 'Heartbeat', req, this.target, 5_000);
  }

  updateTaskState(state: TaskExecutionState): Promise<object> {
    return callUnary(this.client, 'UpdateTaskExecutionState', state, this.target, 10_000);
  }

  acknowledgeCheckpoint(ack: CheckpointAck): Promise<object> {
    return callUnary(this.client, 'AcknowledgeCheckpoint', ack, this.target, 10_000);
  }

  declineCheckpoint(decline: CheckpointDecline): Promise<object> {
    return callUnary(this.client, 'DeclineCheckpoint', decline, this.target, 10_000);
  }

  sendEventToCoordinator(event: ReaderToEnumeratorEventInput): Promise<object> {
    return callUnary(this.client, 'SendEventToCoordinator', event, this.target, 10_000);
  }

  async getJobArtifact(jobId: string): Promise<JobDeployment> {
    const info = await callUnary<object, JobDeploymentInfo>(this.client, 'GetJobArtifact', { jobId }, this.target, 30_000);
    return { graph: present(info.graph, 'job graph (JobDeploymentInfo.graph)'), artifact: present(info.artifact, 'job artifact (JobDeploymentInfo.artifact)') };
  }

  /** The held-open stream whose end tells us at once that the JobManager is gone. */
  connect(taskManagerId: string): grpc.ClientReadableStream<ConnectEvent> {
    const fn = (this.client as unknown as Record<string, (req: object) => grpc.ClientReadableStream<ConnectEvent>>).Connect;
    return fn.call(this.client, { taskManagerId });
  }

  close(): void {
    this.client.close();
  }
}
