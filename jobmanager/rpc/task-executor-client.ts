import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { callUnary } from '../../proto/grpc-calls';
import { securedClient } from '../../proto/grpc-security';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';
import type { CheckpointNotification, CheckpointTrigger, EnumeratorToReaderEventInput, OutputRequestInput, OutputResponse, ProfileTaskRequestInput, ProfileTaskResponse, TaskDeploymentDescriptor, TaskRef } from '../../proto/messages';

/** The JobManager's calls into TaskManagers (their TaskExecutorGateway). */
export interface TaskExecutorGateway {
  deployTask(rpcAddress: string, tdd: TaskDeploymentDescriptor): Promise<void>;
  cancelTask(rpcAddress: string, ref: TaskRef, timeoutMs?: number): Promise<void>;
  triggerCheckpoint(rpcAddress: string, trigger: CheckpointTrigger): Promise<void>;
  notifyCheckpoint(rpcAddress: string, notification: CheckpointNotification): Promise<void>;
  /** A split enumerator's event for one source reader. @default unsupported (test doubles without sources) */
  sendEventToTask?(rpcAddress: string, event: EnumeratorToReaderEventInput): Promise<void>;
}

/** What the REST API asks of a TaskManager for the dashboard: its output and CPU profiles of its slots. */
export interface TaskManagerInspection {
  output(rpcAddress: string, request: OutputRequestInput): Promise<OutputResponse>;
  /** Waits the profile's duration; `timeoutMs` must exceed it. */
  profileTask(rpcAddress: string, request: ProfileTaskRequestInput, timeoutMs: number): Promise<ProfileTaskResponse>;
}

/** gRPC clients to TaskManagers, one channel per address, reused across calls. */
export class TaskExecutorClients implements TaskExecutorGateway, TaskManagerInspection {
  private readonly clients = new Map<string, grpc.Client>();

  constructor(
    private readonly callTimeoutMs = 10_000,
    private readonly security: SecurityConfig = NO_SECURITY,
  ) {}

  async deployTask(rpcAddress: string, tdd: TaskDeploymentDescriptor): Promise<void> {
    await callUnary(this.client(rpcAddress), 'DeployTask', tdd, `TaskManager at ${rpcAddress}`, this.callTimeoutMs);
  }

  async cancelTask(rpcAddress: string, ref: TaskRef, timeoutMs = this.callTimeoutMs): Promise<void> {
    await callUnary(this.client(rpcAddress), 'CancelTask', ref, `TaskManager at ${rpcAddress}`, timeoutMs);
  }

  async triggerCheckpoint(rpcAddress: string, trigger: CheckpointTrigger): Promise<void> {
    await callUnary(this.client(rpcAddress), 'TriggerCheckpoint', trigger, `TaskManager at ${rpcAddress}`, this.callTimeoutMs);
  }

  async notifyCheckpoint(rpcAddress: string, notification: CheckpointNotification): Promise<void> {
    await callUnary(this.client(rpcAddress), 'NotifyCheckpoint', notification, `TaskManager at ${rpcAddress}`, this.callTimeoutMs);
  }

  output(rpcAddress: string, request: OutputRequestInput): Promise<OutputResponse> {
    return callUnary(this.client(rpcAddress), 'GetOutput', request, `TaskManager at ${rpcAddress}`, this.callTimeoutMs);
  }

  profileTask(rpcAddress: string, request: ProfileTaskRequestInput, timeoutMs: number): Promise<ProfileTaskResponse> {
    return callUnary(this.client(rpcAddress), 'ProfileTask', request, `TaskManager at ${rpcAddress}`, timeoutMs);
  }

  async sendEventToTask(rpcAddress: string, event: EnumeratorToReaderEventInput): Promise<void> {
    await callUnary(this.client(rpcAddress), 'SendEventToTask', event, `TaskManager at ${rpcAddress}`, this.callTimeoutMs);
  }

  /** Drops the channel to a TaskManager that is gone. */
  forget(rpcAddress: string): void {
    this.clients.get(rpcAddress)?.close();
    this.clients.delete(rpcAddress);
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private client(rpcAddress: string): grpc.Client {
    let c = this.clients.get(rpcAddress);
    if (!c) {
      c = securedClient(sluiceService('TaskExecutorGateway'), rpcAddress, this.security);
      this.clients.set(rpcAddress, c);
    }
    return c;
  }
}
