import type { JobEdge, JobGraph, JobVertex, OperatorDescriptor, PartitionerKind } from '../proto/messages';
import { parseJobConfig } from '../common/job-config';
import type { StreamExecutionEnvironment } from '../api/environment';
import { type Transformation, VIRTUAL_KINDS, isSource, isSink, keySelectorIdsOf } from '../api/transformation';
import { InvalidGraphError } from '../common/errors';
import { hashId } from '../common/ids';
import { computeGraphHash } from '../common/job-graph-hash';
import { validateJobGraph } from '../common/job-graph-validation';
import { validateParallelism } from '../common/key-groups';

/** A physical edge between two real (non-virtual) transformations. */
interface StreamEdge {
  source: Transformation;
  target: Transformation;
  partitioner: PartitionerKind;
  /** Transformation id of the key selector (hash edges), else 0 (never a keyBy: it has no input). */
  /** For hash edges: the transformation holding the key selector. */
  keySelectorId: number | undefined;
  userPartitioner: boolean;
  /** Which input of a two-input target this edge feeds (0 for one-input operators). */
  targetInput: number;
  /** Non-empty: the edge carries only this side output of the source operator. */
  sideOutputTag: string;
}

/**
 * Turns the environment's transformations into a JobGraph: resolves parallelism, removes
 * virtual nodes (keyBy, rebalance, broadcast, union) into edge partitioners, and chains
 * operators joined by forward edges of equal parallelism into one vertex, as Flink does.
 */
export function buildJobGraph(env: StreamExecutionEnvironment, jobName: string): JobGraph {
  const real = env.transformations.filter((t) => !VIRTUAL_KINDS.has(t.kind));
  if (real.length === 0) throw new InvalidGraphError('The job defines no operators: build a pipeline on env (a source and a sink)');
  if (!real.some(isSink)) throw new InvalidGraphError('The job has no sink: end the pipeline with print(), writeAsText(dir) or sinkTo(sink)');

  const parallelism = new Map<Transformation, number>();
  const maxParallelism = new Map<Transformation, number>();
  for (const t of real) {
    const p = t.parallelism ?? (t.nonParallel ? 1 : env.getParallelism());
    const mp = t.maxParallelism ?? env.getMaxParallelism();
    const problem = validateParallelism(p, mp);
    if (problem) throw new InvalidGraphError(`Operator '${t.name}': ${problem}`);
    parallelism.set(t, p);
    maxParallelism.set(t, mp);
  }

  // Sinks check what they need of the job (e.g. exactly-once Kafka: checkpoints on, transaction timeout longer than their interval).
  const checkpointIntervalMs = env.config.checkpoint?.intervalMs ?? null;
  for (const t of real) {
    const sink = isSink(t) ? (t.fn as { checkJobConfig?: (job: { checkpointIntervalMs: number | null }) => void } | undefined) : undefined;
    if (sink && typeof sink.checkJobConfig === 'function') sink.checkJobConfig({ checkpointIntervalMs });
  }

  const edges: StreamEdge[] = [];
  for (const t of real) {
    t.inputs.forEach((input, targetInput) => collectEdges(input, t, undefined, undefined, edges, targetInput, ''));
  }
  for (const e of edges) {
    const same = parallelism.get(e.source) === parallelism.get(e.target);
    if (e.partitioner === 'forward' && !same) {
      if (e.userPartitioner)
        throw new InvalidGraphError(`Forward partitioning between '${e.source.name}' (parallelism ${parallelism.get(e.source)}) and '${e.target.name}' (parallelism ${parallelism.get(e.target)}) needs equal parallelism; use rebalance()`);
      e.partitioner = 'rebalance';
    }
    if (isSink(e.source)) throw new InvalidGraphError(`'${e.source.name}' is a sink and cannot have downstream operators`);
  }
  for (const t of real) {
    if (t.kind === 'keyed.reduce') {
      const ins = edges.filter((e) => e.target === t);
      if (ins.length !== 1 || ins[0].partitioner !== 'hash') throw new InvalidGraphError(`'${t.name}' needs a keyed input: call keyBy() right before it`);
    }
    // Keyed inputs of keyed operators (process, windows, joins) must arrive hash-partitioned by their key.
    keySelectorIdsOf(t)?.forEach((keyId, input) => {
      if (keyId === null) return;
      const ins = edges.filter((e) => e.target === t && e.targetInput === input);
      if (ins.length === 0 || ins.some((e) => e.partitioner !== 'hash' || e.keySelectorId !== keyId))
        throw new InvalidGraphError(`'${t.name}' needs a keyed input: call keyBy() right before it`);
    });
  }

  // ---- chaining
  const inEdges = new Map<Transformation, StreamEdge[]>();
  for (const t of real) inEdges.set(t, []);
  for (const e of edges) inEdges.get(e.target)!.push(e);
  // As in Flink, an operator chains into its input's chain when it is that input's only
  // consumer through a forward edge of equal parallelism; its input may feed other operators
  // too (fan-out: a chain is a tree). Records then pass by reference to every consumer
  // instead of being encoded and sent once per consumer vertex.
  const chainable = (e: StreamEdge): boolean =>
    e.partitioner === 'forward' &&
    e.sideOutputTag === '' &&
    !isSource(e.target) &&
    inEdges.get(e.target)!.length === 1 &&
    parallelism.get(e.source) === parallelism.get(e.target) &&
    maxParallelism.get(e.source) === maxParallelism.get(e.target);

  const headOf = new Map<Transformation, Transformation>();
  const chains = new Map<Transformation, Transformation[]>();
  for (const t of real) {
    // transformations are in build order, so an input's head is known before t
    const ins = inEdges.get(t)!;
    const head = ins.length === 1 && chainable(ins[0]) ? headOf.get(ins[0].source)! : t;
    headOf.set(t, head);
    if (head === t) chains.set(t, [t]);
    else chains.get(head)!.push(t);
  }

  const uidOf = (t: Transformation): string => t.uid ?? `${t.kind}-${t.id}`;
  const vertexIdOf = (head: Transformation): string => hashId(`vertex:${uidOf(head)}`);

  const vertices: JobVertex[] = [];
  for (const [head, chain] of chains) {
    const operators: OperatorDescriptor[] = chain.map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      uid: uidOf(t),
      userUid: t.uid !== undefined,
      configJson: JSON.stringify(operatorConfig(t, env)),
      ...(t === head ? {} : { chainInput: inEdges.get(t)![0].source.id }),
    }));
    vertices.push({
      id: vertexIdOf(head),
      name: chain.map((t) => t.name).join(' -> '),
      parallelism: parallelism.get(head)!,
      maxParallelism: maxParallelism.get(head)!,
      operators,
    });
  }

  const jobEdges: JobEdge[] = [];
  for (const e of edges) {
    const sourceHead = headOf.get(e.source)!;
    const targetHead = headOf.get(e.target)!;
    if (sourceHead === targetHead) continue; // chained
    jobEdges.push({
      id: `${vertexIdOf(sourceHead)}-${vertexIdOf(targetHead)}-${jobEdges.length}`,
      source: vertexIdOf(sourceHead),
      sourceOperatorId: e.source.id,
      target: vertexIdOf(targetHead),
      partitioner: e.partitioner,
      keySelectorId: e.keySelectorId,
      targetInput: e.targetInput,
      targetOperatorId: e.target.id,
      sideOutputTag: e.sideOutputTag,
    });
  }

  const graph: JobGraph = {
    name: env.getJobName() ?? jobName,
    vertices,
    edges: jobEdges,
    configJson: JSON.stringify(env.config),
    hash: '',
  };
  validateJobGraph(graph);
  // The JobManager and the TaskManagers parse it the same way: a bad setting fails here first.
  parseJobConfig(graph.configJson);
  graph.hash = computeGraphHash(graph);
  return graph;
}

/**
 * Walks up through virtual transformations to the real producers, collecting the partitioner
 * and the side-output tag. `targetInput` is the index of the target's input being walked.
 */
function collectEdges(
  input: Transformation,
  target: Transformation,
  partitioner: PartitionerKind | undefined,
  keySelectorId: number | undefined,
  out: StreamEdge[],
  targetInput: number,
  sideOutputTag: string,
): void {
  if (input.kind === 'partition') {
    // The partition closest to the target wins (keyBy().rebalance() rebalances).
    const p = partitioner ?? input.partitioner!;
    const k = partitioner === undefined && input.partitioner === 'hash' ? input.id : keySelectorId;
    for (const i of input.inputs) collectEdges(i, target, p, k, out, targetInput, sideOutputTag);
    return;
  }
  if (input.kind === 'union') {
    for (const i of input.inputs) collectEdges(i, target, partitioner, keySelectorId, out, targetInput, sideOutputTag);
    return;
  }
  if (input.kind === 'sideOutput') {
    for (const i of input.inputs) collectEdges(i, target, partitioner, keySelectorId, out, targetInput, String(input.config.tag));
    return;
  }
  out.push({ source: input, target, partitioner: partitioner ?? 'forward', keySelectorId, userPartitioner: partitioner !== undefined, targetInput, sideOutputTag });
}

/** An operator's config as deployed: environment-level settings resolved into it. */
function operatorConfig(t: Transformation, env: StreamExecutionEnvironment): Record<string, unknown> {
  if (t.kind === 'timestamps') return { ...t.config, autoWatermarkIntervalMs: env.getAutoWatermarkInterval() };
  const watermarks = t.config.watermarks as Record<string, unknown> | undefined;
  if (isSource(t) && watermarks) return { ...t.config, watermarks: { ...watermarks, autoWatermarkIntervalMs: env.getAutoWatermarkInterval() } };
  return t.config;
}
