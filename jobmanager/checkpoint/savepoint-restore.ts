import type { JobGraph, TaskRestore } from '../../proto/messages';
import type { InitialRestore } from '../scheduler/scheduler';
import { readSavepoint } from '../../common/checkpoint/savepoint-reader';
import { assertRestorable, checkSavepointCompatibility } from '../../common/checkpoint/savepoint-compatibility';
import type { Logger } from '../../common/logger';

/**
 * Maps a savepoint's state onto a job graph by operator uid, at any parallelism. The rules
 * (removed operators need allowNonRestoredState, maxParallelism of keyed state cannot change)
 * are the ones `stream-submit run --dry-run` reports, from common/checkpoint.
 */
export async function planSavepointRestore(graph: JobGraph, path: string, allowNonRestoredState: boolean, log: Logger): Promise<InitialRestore> {
  const sp = await readSavepoint(path);
  const check = checkSavepointCompatibility(graph, sp, path, allowNonRestoredState);
  assertRestorable(check);
  const plan = new Map<string, TaskRestore[]>();
  for (const [vertexId, sources] of check.sources)
    plan.set(
      vertexId,
      sources.map((source) => ({
        checkpointId: sp.checkpointId,
        externalPath: sp.externalPath,
        previousParallelism: source.parallelism,
        maxParallelism: source.maxParallelism,
        handles: source.handles,
        isSavepoint: sp.isSavepoint,
      })),
    );
  if (check.dropped.length > 0) log.warn(`Not restoring state of removed operator(s) ${check.dropped.join(', ')} (--allow-non-restored-state)`);
  return { plan, checkpointId: sp.checkpointId, externalPath: sp.externalPath, isSavepoint: sp.isSavepoint, enumeratorStates: sp.sourceEnumerators };
}
