import { createHash } from 'node:crypto';
import type { JobGraph } from '../proto/messages';

/**
 * The structural hash of a JobGraph: vertices, chains, operators, edges and job config.
 * A TaskManager rebuilds the graph from the job artifact and refuses to run when its hash
 * differs from the submitted one (non-deterministic job functions would bind wrong code).
 */
export function computeGraphHash(graph: JobGraph): string {
  const canonical = {
    vertices: graph.vertices.map((v) => ({
      id: v.id,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      operators: v.operators.map((o) => [o.id, o.kind, o.uid, o.configJson, o.chainInput ?? null]),
    })),
    edges: graph.edges.map((e) => [e.source, e.sourceOperatorId ?? null, e.target, e.partitioner, e.keySelectorId, e.targetInput, e.targetOperatorId, e.sideOutputTag ?? '']),
    config: graph.configJson,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
