import type { JobGraph } from '../proto/messages';
import { isSourceKind } from './operator-kind';
import { checkOperatorConfig } from './operator-config';
import { InvalidGraphError } from './errors';
import { validateParallelism } from './key-groups';

const PARTITIONERS = new Set(['forward', 'hash', 'rebalance', 'broadcast']);

/**
 * Checks a JobGraph as it arrives over the wire: the JobManager cannot trust that a client
 * built it (ids unique, edges between known vertices, no cycles, sane parallelism, sources
 * and sinks where they belong).
 */
export function validateJobGraph(graph: JobGraph): void {
  if (!graph || !Array.isArray(graph.vertices) || graph.vertices.length === 0) throw new InvalidGraphError('The job graph has no vertices');
  const ids = new Set<string>();
  for (const v of graph.vertices) {
    if (!v.id) throw new InvalidGraphError('A vertex has no id');
    if (ids.has(v.id)) throw new InvalidGraphError(`Duplicate vertex id ${v.id} (two operators with the same uid?)`);
    ids.add(v.id);
    const problem = validateParallelism(v.parallelism, v.maxParallelism);
    if (problem) throw new InvalidGraphError(`Vertex '${v.name}': ${problem}`);
    if (!Array.isArray(v.operators) || v.operators.length === 0) throw new InvalidGraphError(`Vertex '${v.name}' has no operators`);
    for (const op of v.operators) checkOperatorConfig(op);
  }
  const uids = new Set<string>();
  for (const v of graph.vertices)
    for (const op of v.operators) {
      if (uids.has(op.uid)) throw new InvalidGraphError(`Duplicate operator uid '${op.uid}'`);
      uids.add(op.uid);
    }

  const incoming = new Map<string, number>();
  const outgoing = new Map<string, string[]>();
  for (const id of ids) {
    incoming.set(id, 0);
    outgoing.set(id, []);
  }
  for (const e of graph.edges ?? []) {
    if (!ids.has(e.source) || !ids.has(e.target)) throw new InvalidGraphError(`Edge ${e.id} connects unknown vertices`);
    if (!PARTITIONERS.has(e.partitioner)) throw new InvalidGraphError(`Edge ${e.id} has unknown partitioner '${e.partitioner}'`);
    if (e.source === e.target) throw new InvalidGraphError(`Edge ${e.id} is a self-loop: the graph must be acyclic`);
    const src = graph.vertices.find((v) => v.id === e.source)!;
    const dst = graph.vertices.find((v) => v.id === e.target)!;
    if (e.partitioner === 'forward' && src.parallelism !== dst.parallelism)
      throw new InvalidGraphError(`Forward edge from '${src.name}' to '${dst.name}' needs equal parallelism`);
    incoming.set(e.target, incoming.get(e.target)! + 1);
    outgoing.get(e.source)!.push(e.target);
  }

  // Kahn's algorithm: whatever is never freed lies on a cycle.
  const queue = [...ids].filter((id) => incoming.get(id) === 0);
  let visited = 0;
  while (queue.length > 0) {
    const id = queue.pop()!;
    visited++;
    for (const next of outgoing.get(id)!) {
      const n = incoming.get(next)! - 1;
      incoming.set(next, n);
      if (n === 0) queue.push(next);
    }
  }
  if (visited !== ids.size) {
    const onCycle = graph.vertices.filter((v) => incoming.get(v.id)! > 0).map((v) => `'${v.name}'`);
    throw new InvalidGraphError(`The job graph has a cycle through ${onCycle.join(', ')}; dataflow graphs must be acyclic`);
  }

  for (const v of graph.vertices) {
    const isSourceVertex = isSourceKind(v.operators[0].kind);
    const hasInputs = graph.edges.some((e) => e.target === v.id);
    if (isSourceVertex && hasInputs) throw new InvalidGraphError(`Source '${v.name}' cannot have inputs`);
    if (!isSourceVertex && !hasInputs) throw new InvalidGraphError(`Vertex '${v.name}' has no inputs and is not a source`);
  }
}
