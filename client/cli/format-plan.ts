import type { JobGraph, JobVertex, OperatorDescriptor } from '../../proto/messages';

/** The plan as `stream-submit info --json` prints it: the JobGraph, with configs as objects. */
export function planJson(graph: JobGraph): unknown {
  const parse = (json: string): unknown => (json ? JSON.parse(json) : {});
  return {
    name: graph.name,
    hash: graph.hash,
    config: parse(graph.configJson),
    vertices: graph.vertices.map((v) => ({
      id: v.id,
      name: v.name,
      parallelism: v.parallelism,
      maxParallelism: v.maxParallelism,
      operators: v.operators.map((op) => ({ id: op.id, kind: op.kind, name: op.name, uid: op.uid, userUid: op.userUid, config: parse(op.configJson) })),
    })),
    edges: graph.edges.map((e) => ({
      source: e.source,
      target: e.target,
      partitioner: e.partitioner,
      targetInput: e.targetInput,
      ...(e.sideOutputTag ? { sideOutput: e.sideOutputTag } : {}),
    })),
  };
}

function uidOf(op: OperatorDescriptor): string {
  return op.userUid ? op.uid : `${op.uid} (generated)`;
}

/**
 * `stream-submit info`: the plan as Flink's `flink info` shows it, in text. Vertices are
 * chains of operators; each lists its inputs with their partitioners.
 */
export function formatPlan(graph: JobGraph): string {
  const byId = new Map<string, JobVertex>(graph.vertices.map((v) => [v.id, v]));
  const index = new Map<string, number>(graph.vertices.map((v, i) => [v.id, i + 1]));
  const lines = [`Job '${graph.name}': ${graph.vertices.length} vertices, ${graph.edges.length} edges, graph hash ${graph.hash.slice(0, 16)}`, ''];
  for (const v of graph.vertices) {
    lines.push(`[${index.get(v.id)}] ${v.name}`);
    lines.push(`    vertex ${v.id}, parallelism ${v.parallelism}, maxParallelism ${v.maxParallelism}`);
    const inputs = graph.edges.filter((e) => e.target === v.id);
    for (const e of inputs) {
      const from = byId.get(e.source);
      const side = e.sideOutputTag ? `, side output '${e.sideOutputTag}'` : '';
      const input = v.operators.length > 0 && e.targetInput > 0 ? `, input ${e.targetInput + 1}` : '';
      lines.push(`    <- [${index.get(e.source)}] ${from?.name ?? e.source}  (${e.partitioner.toUpperCase()}${side}${input})`);
    }
    const width = Math.max(...v.operators.map((op) => op.name.length));
    for (const op of v.operators) lines.push(`    - ${op.name.padEnd(width)}  ${op.kind.padEnd(18)}  uid ${uidOf(op)}`);
    lines.push('');
  }
  return lines.join('\n');
}
