import * as grpc from '@grpc/grpc-js';
import { sluiceService } from '../../proto/load-proto';
import { unaryHandler, SERVER_OPTIONS } from '../../proto/grpc-calls';
import { grpcServerCredentials, grpcServerOptions } from '../../proto/grpc-security';
import { NO_SECURITY, type SecurityConfig } from '../../common/security';
import type { CheckpointNotification, CheckpointTrigger, EnumeratorToReaderEvent, OutputRequest, OutputResponseInput, ProfileTaskRequest, ProfileTaskResponseInput, TaskDeploymentDescriptor, TaskRef } from '../../proto/messages';
import { present } from '../../proto/present';

/** A checkpoint trigger as the JobManager always sends it: addressed to a task. */
export type TaskCheckpointTrigger = CheckpointTrigger & { task: TaskRef };

export interface TaskExecutorGateway {
  deployTask(descriptor: TaskDeploymentDescriptor): Promise<void>;
  cancelTask(task: TaskRef): void;
  triggerCheckpoint(trigger: TaskCheckpointTrigger): void;
  notifyCheckpoint(notification: CheckpointNotification): void;
  output(request: OutputRequest): OutputResponseInput;
  profileTask(request: ProfileTaskRequest & { task: TaskRef }): Promise<ProfileTaskResponseInput>;
  sendEventToTask(event: EnumeratorToReaderEvent): void;
}

/** Serves the TaskExecutorGateway (JobManager → TaskManager) on host:port. */
export async function startTaskExecutorServer(gateway: TaskExecutorGateway, host: string, port: number, security: SecurityConfig = NO_SECURITY): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server(grpcServerOptions(security, SERVER_OPTIONS));
  server.addService(sluiceService('TaskExecutorGateway').service, {
    DeployTask: unaryHandler<TaskDeploymentDescriptor, object>(async (d) => {
      await gateway.deployTask(d);
      return {};
    }),
    CancelTask: unaryHandler<TaskRef, object>((t) => {
      gateway.cancelTask(t);
      return {};
    }),
    TriggerCheckpoint: unaryHandler<CheckpointTrigger, object>((t) => {
      gateway.triggerCheckpoint({ ...t, task: present(t.task, 'task (CheckpointTrigger.task)') });
      return {};
    }),
    NotifyCheckpoint: unaryHandler<CheckpointNotification, object>((n) => {
      gateway.notifyCheckpoint(n);
      return {};
    }),
    GetOutput: unaryHandler<OutputRequest, OutputResponseInput>((r) => gateway.output(r)),
    ProfileTask: unaryHandler<ProfileTaskRequest, ProfileTaskResponseInput>((r) => gateway.profileTask({ ...r, task: present(r.task, 'task (ProfileTaskRequest.task)') })),
    SendEventToTask: unaryHandler<EnumeratorToReaderEvent, object>((e) => {
      gateway.sendEventToTask(e);
      return {};
    }),
  });
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${port}`, grpcServerCredentials(security), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { server, port: bound };
}
