import type { TaskDeploymentDescriptor } from '../../proto/messages';
import type { NetworkEnvironment } from '../network/channel-types';
import type { LoadedJob } from '../../job/loaded-job';
import type { CheckpointReporter } from './checkpoint/task-checkpointer';
import type { StreamTask, TaskLocation, TaskStateListener } from './stream-task';
import { SourceStreamTask, type CoordinatorGateway } from './source-stream-task';
import { InputStreamTask } from './input-stream-task';
import { isSourceKind } from '../../common/operator-kind';

/** A source task for a vertex whose chain starts with a source, an input task otherwise. */
export function createStreamTask(
  descriptor: TaskDeploymentDescriptor,
  job: LoadedJob,
  network: NetworkEnvironment,
  location: TaskLocation,
  onState: TaskStateListener,
  reporter: CheckpointReporter,
  coordinator: CoordinatorGateway,
): StreamTask {
  const vertex = job.graph.vertices.find((v) => v.id === descriptor.vertexId);
  if (!vertex) throw new Error(`vertex ${descriptor.vertexId} is not in job ${descriptor.jobId}`);
  return isSourceKind(vertex.operators[0].kind)
    ? new SourceStreamTask(descriptor, job, network, location, onState, reporter, coordinator)
    : new InputStreamTask(descriptor, job, network, location, onState, reporter);
}
