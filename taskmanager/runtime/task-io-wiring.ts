import type { TaskDeploymentDescriptor } from '../../proto/messages';
import { present } from '../../proto/present';
import { channelKey, type ChannelLocation, type NetworkEnvironment } from '../network/channel-types';
import { RecordWriter } from './record-writer';
import { createChannelSelector } from './partitioners';
import type { InputGate } from './input-gate';
import type { LoadedJob } from '../../job/loaded-job';
import type { TaskIoMetrics } from './task-metrics';

export interface TaskLocation {
  taskManagerId: string;
  slot: number;
  /** The host the TaskManager advertises (a source reader's location for its enumerator). */
  host?: string;
}

/** One record writer per output edge, with a channel to every consumer subtask. */
export function createRecordWriters(d: TaskDeploymentDescriptor, job: LoadedJob, network: NetworkEnvironment, here: TaskLocation, metrics: TaskIoMetrics): RecordWriter[] {
  return d.outputs.map((out) => {
    const channels = out.consumers.map((target, consumer) =>
      network.createOutputChannel(channelKey(d.jobId, d.attempt, out.edgeId, d.subtask, consumer), locate(here, target.taskManagerId, target.slot, target.host, target.port)),
    );
    const keySelector = out.partitioner === 'hash' ? (job.userFunction(present(out.keySelectorId, `key selector of hash edge ${out.edgeId} (OutputEdgeDeployment.key_selector_id)`)) as (r: unknown) => unknown) : undefined;
    const selector = createChannelSelector(out.partitioner, channels.length, d.subtask, out.maxParallelism, keySelector);
    return new RecordWriter(channels, selector, out.partitioner === 'broadcast', metrics);
  });
}

/** Registers one input channel per producer subtask of every input edge, in edge order. */
export function addInputChannels(gate: InputGate, d: TaskDeploymentDescriptor, network: NetworkEnvironment): void {
  for (const input of d.inputs)
    for (let producer = 0; producer < input.numProducers; producer++)
      gate.add(network.createInputChannel(channelKey(d.jobId, d.attempt, input.edgeId, producer, d.subtask)), input.targetInput);
}

/** Same worker thread: by reference; same TaskManager: MessagePort; else TCP. */
function locate(here: TaskLocation, taskManagerId: string, slot: number, host: string, port: number): ChannelLocation {
  if (taskManagerId !== here.taskManagerId) return { kind: 'remote', host, port };
  return slot === here.slot ? { kind: 'local' } : { kind: 'peer', slot };
}
