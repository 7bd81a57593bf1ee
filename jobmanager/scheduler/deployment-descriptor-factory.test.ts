import { describe, expect, it } from 'vitest';
import type { AllocatedSlot } from '../resource/slot-pool';
import { sourceMapSinkGraph, testJobGraph } from '../test-support/test-job-graphs';
import { createDeploymentDescriptor } from './deployment-descriptor-factory';
import { ExecutionGraph } from './execution-graph';

const JOB = 'ab'.repeat(16);

function slot(tm: string, index: number, port: number): AllocatedSlot {
  return { taskManagerId: tm, index, dataHost: '127.0.0.1', dataPort: port, rpcAddress: `${tm}:1` };
}

describe('ExecutionGraph', () => {
  it('has parallelism subtasks per vertex and needs max(parallelism) slots', () => {
    const eg = new ExecutionGraph(sourceMapSinkGraph('g', 3), 0);
    expect(eg.vertices.map((v) => v.executions.length)).toEqual([3, 3, 1]);
    expect(eg.requiredSlots).toBe(3);
  });

  it('puts subtask i of every vertex into slot i (slot sharing)', () => {
    const eg = new ExecutionGraph(sourceMapSinkGraph('g', 2), 0);
    const slots = [slot('tm-a', 0, 7000), slot('tm-b', 0, 8000)];
    eg.assignSlots(slots);
    for (const e of eg.executions()) {
      expect(e.slot).toBe(slots[e.subtask]);
      expect(e.state).toBe('SCHEDULED');
    }
  });
});

describe('createDeploymentDescriptor', () => {
  const graph = testJobGraph(
    'g',
    [
      { uid: 'src', kind: 'source.socket', parallelism: 2 },
      { uid: 'agg', kind: 'keyed.reduce', parallelism: 2, maxParallelism: 64 },
      { uid: 'sink', kind: 'sink.print', parallelism: 1 },
    ],
    [
      { from: 'src', to: 'agg', partitioner: 'hash' },
      { from: 'agg', to: 'sink', partitioner: 'rebalance' },
    ],
  );
  const [src, agg, sink] = graph.vertices;
  const eg = new ExecutionGraph(graph, 3);
  eg.assignSlots([slot('tm-a', 0, 7000), slot('tm-b', 1, 8001)]);

  it('lists every consumer subtask, in order, with its slot data endpoint', () => {
    const tdd = createDeploymentDescriptor(JOB, eg, eg.find(src.id, 1)!);
    expect(tdd).toMatchObject({ jobId: JOB, attempt: 3, vertexId: src.id, subtask: 1, parallelism: 2, slot: 1, inputs: [] });
    expect(tdd.outputs).toEqual([
      {
        edgeId: graph.edges[0].id,
        partitioner: 'hash',
        targetVertex: agg.id,
        keySelectorId: graph.edges[0].keySelectorId,
        maxParallelism: 64,
        consumers: [
          { taskManagerId: 'tm-a', host: '127.0.0.1', port: 7000, slot: 0 },
          { taskManagerId: 'tm-b', host: '127.0.0.1', port: 8001, slot: 1 },
        ],
        sideOutputTag: '',
      },
    ]);
  });

  it('gives every input the number of producers and the target operator', () => {
    const tdd = createDeploymentDescriptor(JOB, eg, eg.find(sink.id, 0)!);
    expect(tdd.inputs).toEqual([{ edgeId: graph.edges[1].id, sourceVertex: agg.id, numProducers: 2, targetInput: 0, targetOperatorId: graph.edges[1].targetOperatorId }]);
    expect(tdd.outputs).toEqual([]);
    expect(tdd.slot).toBe(0);
  });

  it('describes a middle vertex with both sides', () => {
    const tdd = createDeploymentDescriptor(JOB, eg, eg.find(agg.id, 0)!);
    expect(tdd.inputs.map((i) => [i.sourceVertex, i.numProducers])).toEqual([[src.id, 2]]);
    expect(tdd.outputs.map((o) => [o.targetVertex, o.partitioner, o.consumers.map((c) => c.taskManagerId)])).toEqual([[sink.id, 'rebalance', ['tm-a']]]);
  });
});
