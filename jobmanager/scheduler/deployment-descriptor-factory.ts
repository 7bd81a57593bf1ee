import type { ChannelTarget, TaskDeploymentDescriptor } from '../../proto/messages';
import type { Execution, ExecutionGraph } from './execution-graph';

/**
 * Builds what a TaskManager needs to run one subtask: for every output edge, where each
 * consumer subtask runs (its slot's data endpoint, in subtask order), and for every input
 * edge, how many producers will connect. Requires every execution to have a slot.
 */
export function createDeploymentDescriptor(jobId: string, eg: ExecutionGraph, execution: Execution): TaskDeploymentDescriptor {
  const { vertex } = execution;
  const slot = execution.slot;
  if (!slot) throw new Error(`${execution.taskName} has no slot`);
  const edges = eg.graph.edges;
  return {
    jobId,
    attempt: eg.attempt,
    vertexId: vertex.id,
    subtask: execution.subtask,
    parallelism: vertex.parallelism,
    slot: slot.index,
    inputs: edges
      .filter((e) => e.target === vertex.id)
      .map((e) => ({
        edgeId: e.id,
        sourceVertex: e.source,
        numProducers: requireVertex(eg, e.source).vertex.parallelism,
        targetInput: e.targetInput,
        targetOperatorId: e.targetOperatorId,
      })),
    outputs: edges
      .filter((e) => e.source === vertex.id)
      .map((e) => {
        const target = requireVertex(eg, e.target);
        return {
          edgeId: e.id,
          partitioner: e.partitioner,
          targetVertex: e.target,
          keySelectorId: e.keySelectorId,
          maxParallelism: target.vertex.maxParallelism,
          consumers: target.executions.map(channelTarget),
          sideOutputTag: e.sideOutputTag ?? '',
        };
      }),
    restores: [],
  };
}

function channelTarget(consumer: Execution): ChannelTarget {
  const slot = consumer.slot;
  if (!slot) throw new Error(`${consumer.taskName} has no slot`);
  return { taskManagerId: slot.taskManagerId, host: slot.dataHost, port: slot.dataPort, slot: slot.index };
}

function requireVertex(eg: ExecutionGraph, vertexId: string) {
  const v = eg.vertex(vertexId);
  if (!v) throw new Error(`edge to unknown vertex ${vertexId}`);
  return v;
}
