import type { JobGraph } from '../proto/messages';

/** Operator kinds that keep state in checkpoints and savepoints. */
const STATEFUL = /^(keyed\.|window|co\.(process\.keyed|broadcast)|source\.(sequence|datagen|textFile|elements)$|sink\.file$|process\.keyed|join|interval)/;

/**
 * Stateful operators without a user uid: their state is matched by a generated uid that
 * changes when the job changes, so a savepoint would not restore into them.
 */
export function statefulOperatorsWithoutUid(graph: JobGraph): string[] {
  const out: string[] = [];
  for (const v of graph.vertices)
    for (const op of v.operators)
      if (!op.userUid && STATEFUL.test(op.kind))
        out.push(`operator '${op.name}' keeps state but has no uid(); set .uid('...') on it so savepoints restore into it after the job changes`);
  return out;
}
