import type { JobGraph, TaskRestore } from '../../proto/messages';
import type { InitialRestore } from '../scheduler/scheduler';
import type { VertexStateMetadata } from '../../common/checkpoint/checkpoint-metadata';
import { readSavepoint, SavepointInvalidError, type OperatorStateSummary } from '../../common/checkpoint/savepoint-reader';
import type { Logger } from '../../common/logger';

function holdsState(s: OperatorStateSummary): boolean {
  return Object.values(s.keyedStates).some((n) => n > 0) || Object.values(s.listEntries).some((n) => n > 0);
}

/**
 * Maps a savepoint's state onto a job graph by operator uid, at any parallelism. State of an
 * operator the job no longer has fails the submission unless allowNonRestoredState; a changed
 * maxParallelism of keyed state always fails.
 */
export async function planSavepointRestore(graph: JobGraph, path: string, allowNonRestoredState: boolean, log: Logger): Promise<InitialRestore> {
  const sp = await readSavepoint(path);
  const plan = new Map<string, TaskRestore[]>();
  const restored = new Set<string>();
  for (const v of graph.vertices) {
    const sources = new Set<VertexStateMetadata>();
    for (const op of v.operators) {
      const s = sp.operators.get(op.uid);
      if (!s || !holdsState(s)) continue;
      if (s.keyed && s.vertex.maxParallelism !== v.maxParallelism)
        throw new SavepointInvalidError(
          `Operator '${op.uid}' has keyed state written with maxParallelism ${s.vertex.maxParallelism}, but the job gives it maxParallelism ${v.maxParallelism}. maxParallelism cannot change across a restore: set it back with setMaxParallelism(${s.vertex.maxParallelism}).`,
        );
      sources.add(s.vertex);
      restored.add(op.uid);
    }
    // A chain may take state from several chains of the savepoint when the job's chaining changed.
    if (sources.size > 0)
      plan.set(
        v.id,
        [...sources].map((source) => ({
          checkpointId: sp.checkpointId,
          externalPath: sp.externalPath,
          previousParallelism: source.parallelism,
          maxParallelism: source.maxParallelism,
          handles: source.handles,
          isSavepoint: sp.isSavepoint,
        })),
      );
  }
  const dropped = [...sp.operators.values()].filter((s) => holdsState(s) && !restored.has(s.uid)).map((s) => s.uid);
  if (dropped.length > 0 && !allowNonRestoredState)
    throw new SavepointInvalidError(
      `Savepoint ${path} holds state of operator(s) ${dropped.map((u) => `'${u}'`).join(', ')} that the job does not have (uids must match). Give the operators their old uid(), or drop their state with --allow-non-restored-state (-n).`,
    );
  if (dropped.length > 0) log.warn(`Not restoring state of removed operator(s) ${dropped.join(', ')} (--allow-non-restored-state)`);
  return { plan, checkpointId: sp.checkpointId, externalPath: sp.externalPath, isSavepoint: sp.isSavepoint, enumeratorStates: sp.sourceEnumerators };
}
