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
  | 'max-parallelism-changed'
  /** A keyed state keeps its name but the job declares another kind of state: the restore fails. */
  | 'state-kind-changed';

/** A keyed state a job's function declares (in open()): its name and kind ('value', 'map', ...). */
export interface DeclaredState {
  name: string;
  kind: string;
}

/** One user keyed state of an operator, in the savepoint and as the job declares it. */
export interface StateDescriptorCheck {
  name: string;
  /** Kind in the savepoint; '' when the savepoint did not record it; undefined when absent. */
  saved?: string;
  /** Kind the job declares; undefined when it does not declare this name. */
  declared?: string;
  verdict: 'same' | 'kind-changed' | 'new' | 'not-declared';
}

export interface OperatorRestore {
  uid: string;
  outcome: RestoreOutcome;
  /** The job's operator with this uid, and the vertex (chain) it is in. */
  operator?: OperatorDescriptor;
  vertex?: JobVertex;
  /** The uid's state in the savepoint (absent, or holding nothing, for a new operator). */
  saved?: OperatorStateSummary;
  /** User keyed states compared by name and kind, when the job's declarations are known. */
  states?: StateDescriptorCheck[];
  /** The uid named another kind of operator in the savepoint: [then, now]. Its state is not read by the new one. */
  operatorKindChanged?: [string, string];
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
export function checkSavepointCompatibility(
  graph: JobGraph,
  sp: SavepointContents,
  path: string,
  allowNonRestoredState: boolean,
  /** Keyed states the job's functions declare, by uid (from the dry run's probe); optional. */
  declared: Record<string, DeclaredState[]> = {},
): SavepointCompatibility {
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
      const states = Object.hasOwn(declared, operator.uid) ? compareStates(saved, declared[operator.uid]) : undefined;
      const changed = states?.filter((c) => c.verdict === 'kind-changed') ?? [];
      for (const c of changed)
        problems.push(
          `Operator '${operator.uid}': state '${c.name}' is a ${c.saved} state in the savepoint, but the job declares it as a ${c.declared} state. A state cannot change its kind across a restore: keep the kind, or give the new state another name.`,
        );
      const kindChanged: [string, string] | undefined = saved.operatorKind && saved.operatorKind !== operator.kind ? [saved.operatorKind, operator.kind] : undefined;
      operators.push({ uid: operator.uid, outcome: changed.length > 0 ? 'state-kind-changed' : 'restored', operator, vertex, saved, states, operatorKindChanged: kindChanged });
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

/** User keyed states ('$' names are Sluice's own: timers, windows) by name and kind. */
function compareStates(saved: OperatorStateSummary, declared: DeclaredState[]): StateDescriptorCheck[] {
  const out: StateDescriptorCheck[] = [];
  const savedNames = Object.keys(saved.keyedStates).filter((n) => !n.startsWith('$'));
  for (const d of declared) {
    if (!savedNames.includes(d.name)) {
      out.push({ name: d.name, declared: d.kind, verdict: 'new' });
      continue;
    }
    const kind = saved.stateKinds[d.name] ?? '';
    out.push({ name: d.name, saved: kind, declared: d.kind, verdict: kind === '' || kind === d.kind ? 'same' : 'kind-changed' });
  }
  for (const name of savedNames) if (!declared.some((d) => d.name === name)) out.push({ name, saved: saved.stateKinds[name] ?? '', verdict: 'not-declared' });
  return out;
}

/** Throws the first reason the restore fails, as one clear error. */
export function assertRestorable(check: SavepointCompatibility): void {
  if (check.problems.length > 0) throw new SavepointInvalidError(check.problems[0]);
}
