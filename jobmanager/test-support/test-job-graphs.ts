import { hashId } from '../../common/ids';
import { computeGraphHash } from '../../common/job-graph-hash';
import type { JobArtifact, JobGraph, JobVertex, OperatorDescriptor, PartitionerKind } from '../../proto/messages';

export interface TestVertexSpec {
  readonly uid: string;
  readonly kind: string;
  readonly parallelism: number;
  readonly maxParallelism?: number;
  /** The operator's config_json as an object; default: what its kind needs to pass admission (common/operator-config). */
  readonly config?: Record<string, unknown>;
}

/** Valid configs of the kinds test graphs use that read one (the JobManager never runs them). */
const KIND_CONFIGS: Readonly<Record<string, Record<string, unknown>>> = {
  'source.socket': { host: '127.0.0.1', port: 9 },
  'keyed.reduce': { aggregation: 'count', field: null, keySelectorId: 0 },
};

export interface TestEdgeSpec {
  readonly from: string;
  readonly to: string;
  readonly partitioner: PartitionerKind;
}

/** A JobGraph written out literally, one operator per vertex, with its structural hash. */
export function testJobGraph(name: string, vertices: readonly TestVertexSpec[], edges: readonly TestEdgeSpec[]): JobGraph {
  const ids = new Map<string, string>();
  let opId = 0;
  const opIds = new Map<string, number>();
  const jobVertices: JobVertex[] = vertices.map((v) => {
    const id = hashId(v.uid);
    ids.set(v.uid, id);
    const op: OperatorDescriptor = { id: opId, kind: v.kind, name: v.uid, uid: v.uid, userUid: true, configJson: JSON.stringify(v.config ?? KIND_CONFIGS[v.kind] ?? {}) };
    opIds.set(v.uid, opId++);
    return { id, name: v.uid, parallelism: v.parallelism, maxParallelism: v.maxParallelism ?? 128, operators: [op] };
  });
  const graph: JobGraph = {
    name,
    vertices: jobVertices,
    edges: edges.map((e, i) => ({
      id: `${ids.get(e.from)}-${ids.get(e.to)}-${i}`,
      source: ids.get(e.from)!,
      target: ids.get(e.to)!,
      partitioner: e.partitioner,
      keySelectorId: e.partitioner === 'hash' ? opIds.get(e.from)! : undefined,
      targetInput: 0,
      targetOperatorId: opIds.get(e.to)!,
      sideOutputTag: '',
    })),
    configJson: '{}',
    hash: '',
  };
  graph.hash = computeGraphHash(graph);
  return graph;
}

/** source (p) → map (p) → sink (1): the shape of most tests. */
export function sourceMapSinkGraph(name: string, parallelism: number, partitioner: PartitionerKind = 'rebalance'): JobGraph {
  return testJobGraph(
    name,
    [
      { uid: 'source', kind: 'source.socket', parallelism },
      { uid: 'map', kind: 'map', parallelism },
      { uid: 'sink', kind: 'sink.print', parallelism: 1 },
    ],
    [
      { from: 'source', to: 'map', partitioner },
      { from: 'map', to: 'sink', partitioner: 'rebalance' },
    ],
  );
}

/** Some bytes standing in for a bundled job file (the JobManager never runs it). */
export function testArtifact(): JobArtifact {
  return { code: Buffer.from('module.exports = function (env) {};\n'), args: [], defaultParallelism: 0, fileName: 'test-job.js' };
}
