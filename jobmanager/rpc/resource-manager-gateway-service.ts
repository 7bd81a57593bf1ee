import type * as grpc from '@grpc/grpc-js';
import { SluiceError } from '../../common/errors';
import { sluiceService } from '../../proto/load-proto';
import { toGrpcError, unaryHandler } from '../../proto/grpc-calls';
import type { CheckpointAck, CheckpointDecline, ConnectEvent, ReaderToEnumeratorEvent } from '../../proto/messages';
import type { HeartbeatRequest, JobDeploymentInfo, RegisterTaskManagerRequest, TaskExecutionState } from '../../proto/messages';
import type { Dispatcher } from '../dispatcher/dispatcher';
import type { TaskMetricsStore } from '../metrics/task-metrics-store';
import type { TaskManagerRegistry } from '../resource/task-manager-registry';
import type { GrpcService } from './job-manager-gateway-service';

export interface ResourceManagerGatewayDeps {
  readonly jobManagerId: string;
  readonly heartbeatIntervalMs: number;
  readonly registry: TaskManagerRegistry;
  readonly dispatcher: Dispatcher;
  readonly metrics: TaskMetricsStore;
}

/** ResourceManagerGateway: what TaskManagers call. */
export function createResourceManagerGatewayService(deps: ResourceManagerGatewayDeps): GrpcService {
  const { registry, dispatcher, metrics } = deps;
  return {
    definition: sluiceService('ResourceManagerGateway').service,
    implementation: {
      RegisterTaskManager: unaryHandler<RegisterTaskManagerRequest, { jobManagerId: string; heartbeatIntervalMs: number }>((req) => {
        registry.register(req);
        return { jobManagerId: deps.jobManagerId, heartbeatIntervalMs: deps.heartbeatIntervalMs };
      }),
      Heartbeat: unaryHandler<HeartbeatRequest, { known: boolean }>((req) => {
        const known = registry.heartbeat(req.taskManagerId);
        // Metrics of jobs this JobManager does not know would only accumulate.
        if (known) metrics.update((req.metrics ?? []).filter((m) => dispatcher.has(m.jobId)));
        return { known };
      }),
      Connect: (call: grpc.ServerWritableStream<{ taskManagerId: string }, ConnectEvent>) => connect(registry, call),
      UpdateTaskExecutionState: unaryHandler<TaskExecutionState, Record<string, never>>((req) => {
        dispatcher.onTaskExecutionState(req);
        return {};
      }),
      GetJobArtifact: unaryHandler<{ jobId: string }, JobDeploymentInfo>((req) => dispatcher.deploymentInfo(req.jobId)),
      AcknowledgeCheckpoint: unaryHandler<CheckpointAck, Record<string, never>>((ack) => {
        dispatcher.onCheckpointAck(ack);
        return {};
      }),
      DeclineCheckpoint: unaryHandler<CheckpointDecline, Record<string, never>>((d) => {
        dispatcher.onCheckpointDecline(d);
        return {};
      }),
      SendEventToCoordinator: unaryHandler<ReaderToEnumeratorEvent, Record<string, never>>((event) => {
        dispatcher.onReaderEvent(event);
        return {};
      }),
    },
  };
}

/**
 * Holds the TaskManager's Connect stream open. When the TaskManager goes away the stream is
 * cancelled (grpc-js emits 'cancelled' when the HTTP/2 stream or connection closes) and the
 * registry loses the TaskManager at once.
 */
function connect(registry: TaskManagerRegistry, call: grpc.ServerWritableStream<{ taskManagerId: string }, ConnectEvent>): void {
  const taskManagerId = call.request.taskManagerId;
  let open = true;
  const onClosed = registry.attachConnection(taskManagerId, {
    end: () => {
      if (!open) return;
      open = false;
      call.end();
    },
  });
  if (!onClosed) {
    const err = new SluiceError('ILLEGAL_STATE', `TaskManager '${taskManagerId}' is not registered: call RegisterTaskManager before Connect`, { domain: 'user' });
    call.emit('error', toGrpcError(err));
    return;
  }
  const closed = (why: string) => {
    open = false;
    onClosed(why);
  };
  call.on('cancelled', () => closed('its connection closed'));
  call.on('error', (err: Error) => closed(`its connection failed: ${err.message}`));
  call.on('close', () => closed('its connection closed'));
  call.write({ kind: 'CONNECTED' } satisfies ConnectEvent);
}
