import type { OperatorContext, OperatorListState } from '../operators/operator';
import { KeyedStateBackend } from '../state/keyed-state-backend';

/** A real OperatorContext for running one operator or reader outside a task. */
export function operatorTestContext(opts: { subtask?: number; parallelism?: number; attempt?: number; jobId?: string; restored?: OperatorListState; fns?: unknown[] } = {}): OperatorContext {
  let backend: KeyedStateBackend | undefined;
  const parallelism = opts.parallelism ?? 1;
  const subtask = opts.subtask ?? 0;
  return {
    jobId: opts.jobId ?? 'ab'.repeat(16),
    attempt: opts.attempt ?? 0,
    vertexId: 'v',
    operatorName: 'op',
    operatorUid: 'op',
    subtaskIndex: subtask,
    parallelism,
    maxParallelism: 128,
    userFunction: (id) => opts.fns?.[id],
    keyedStateBackend: () => (backend ??= new KeyedStateBackend(128, parallelism, subtask)),
    restoredOperatorState: () => opts.restored,
  };
}

/** Collects what an operator or reader emits. */
export class CollectingOutput {
  readonly records: unknown[] = [];
  readonly watermarks: number[] = [];
  collect(r: unknown): void {
    this.records.push(r);
  }
  emitWatermark(ts: number): void {
    this.watermarks.push(ts);
  }
}
