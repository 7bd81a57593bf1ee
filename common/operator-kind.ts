/**
 * Operator kinds name what an operator is ("source.datagen", "map", "sink.print"); the
 * prefix says its role in the graph. The API, the graph checks, the JobManager's checkpoint
 * triggering and the TaskManager's task setup all ask the same question: here.
 */
export function isSourceKind(kind: string): boolean {
  return kind.startsWith('source.');
}

export function isSinkKind(kind: string): boolean {
  return kind.startsWith('sink.');
}
