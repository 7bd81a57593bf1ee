import type { JobGraph, JobVertex, OperatorDescriptor } from '../../proto/messages';
import type { VertexStateMetadata } from './checkpoint-metadata';
import { SavepointInvalidError, type OperatorStateSummary, type SavepointContents } from './savepoint-reader';

/** What happens to one operator uid when a job restores from a savepoint. */
export type RestoreOutcome =
  /** The savepoint has state for the uid and the job has the operator: it is restored. */
  | 'restored'
  /** The job's operator has no state in the savepoint: it starts empty. */
  | 'new'
  /** The savepoint has state of a uid the job does not have: dropped, only with -n. */
  | 'dropped'
  /** Keyed state cannot move to another number of key groups: the restore fails. */
  | 'max-parallelism-changed';

export interface OperatorRestore {
  uid: string;
  outcome: RestoreOutcome;
  /** The job's operator with this uid, and the vertex (chain) it is in. */
  operator?: OperatorDescriptor;
  vertex?: JobVertex;
  /** The uid's state in the savepoint (absent, or holding nothing, for a new operator). */
  saved?: OperatorStateSummary;
}

/** A savepoint checked against a job graph, before anything runs. */
export interface SavepointCompatibility {
  operators: OperatorRestore[];
  /** uids with state the job does not have. */
  dropped: string[];
  /** Vertices of the job that take state, with the savepoint's vertices they take it from. */
  sources: Map<string, VertexStateMetadata[]>;
  /** Why the restore fails with these options (the JobManager's refusal); empty when it succeeds. */
  problems: string[];
}

export function holdsState(s: OperatorStateSummary): boolean {
  return Object.values(s.keyedStates).some((n) => n > 0) || Object.values(s.listEntries).some((n) => n > 0);
}

/**
 * Maps a savepoint's state onto a job graph by operator uid, at any parallelism, as the
 * JobManager does on submission (and `stream-submit run --dry-run` does ahead of it). State
 * of an operator the job no longer has fails the restore unless allowNonRestoredState; a
 * changed maxParallelism of keyed state always fails.
 */
export function checkSavepointCompatibility(graph: JobGraph, sp: SavepointContents, path: string, allowNonRestoredState: boolean): SavepointCompatibility {
  const operators: OperatorRestore[] = [];
  const sources = new Map<string, VertexStateMetadata[]>();
  const problems: string[] = [];
  const inJob = new Set<string>();
  for (const vertex of graph.vertices) {
    const from = new Set<VertexStateMetadata>();
    for (const operator of vertex.operators) {
      inJob.add(operator.uid);
      const saved = sp.operators.get(operator.uid);
      if (!saved || !holdsState(saved)) {
        operators.push({ uid: operator.uid, outcome: 'new', operator, vertex, saved });
        continue;
      }
      if (saved.keyed && saved.vertex.maxParallelism !== vertex.maxParallelism) {
        operators.push({ uid: operator.uid, outcome: 'max-parallelism-changed', operator, vertex, saved });
        problems.push(
          `Operator '${operator.uid}' has keyed state written with maxParallelism ${saved.vertex.maxParallelism}, but the job gives it maxParallelism ${vertex.maxParallelism}. maxParallelism cannot change across a restore: set it back with setMaxParallelism(${saved.vertex.maxParallelism}).`,
        );
        continue;
      }
      operators.push({ uid: operator.uid, outcome: 'restored', operator, vertex, saved });
      from.add(saved.vertex);
    }
    // A chain may take state from several chains of the savepoint when the job's chaining changed.
    if (from.size > 0) sources.set(vertex.id, [...from]);
  }
  const dropped: string[] = [];
  for (const saved of sp.operators.values()) {
    if (inJob.has(saved.uid) || !holdsState(saved)) continue;
    dropped.push(saved.uid);
    operators.push({ uid: saved.uid, outcome: 'dropped', saved });
  }
  if (dropped.length > 0 && !allowNonRestoredState)
    problems.push(
      `Savepoint ${path} holds state of operator(s) ${dropped.map((u) => `'${u}'`).join(', ')} that the job does not have (uids must match). Give the operators their old uid(), or drop their state with --allow-non-restored-state (-n).`,
    );
  return { operators, dropped, sources, problems };
}

/** Throws the first reason the restore fails, as one clear error. */
export function assertRestorable(check: SavepointCompatibility): void {
  if (check.problems.length > 0) throw new SavepointInvalidError(check.problems[0]);
}
