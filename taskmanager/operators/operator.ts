import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { OperatorListState } from '../../common/checkpoint/task-state-snapshot';
import type { ProcessingTimeService } from '../runtime/timer-service-processing-time';
import type { TimestampRegister } from './record-timestamp';

/**
 * The operator model of a task. Operators in a chain call each other directly: the upstream
 * operator calls `collect(record)` on the next one; the chain's tail feeds the record writers.
 * No promise, closure or allocation per record in the runtime itself.
 */
export interface Output {
  collect(record: unknown): void;
  /** Event time has advanced to `timestamp` (ms) for everything that follows. */
  emitWatermark(timestamp: number): void;
  /**
   * The stream became idle (true: its watermarks stop holding back downstream event time) or
   * active again (false). Optional: outputs without it drop the status.
   */
  emitWatermarkStatus?(idle: boolean): void;
  /**
   * A record for the side output `tag` (ctx.output(tag, v), late window data). Only the
   * chain's tail implements it, with the writers of the edges that consume that tag; an
   * output without it has no consumer for side outputs, and they are dropped as in Flink.
   * Keeping it separate keeps the main path free of per-record tag checks.
   */
  collectSide?(tag: string, record: unknown): void;
}

export type { OperatorListState };

export interface OperatorContext {
  readonly jobId: string;
  readonly attempt: number;
  readonly vertexId: string;
  readonly operatorName: string;
  readonly operatorUid: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Resolves a transformation id to the user's function/object of the rebuilt job. */
  userFunction(transformationId: number): unknown;
  /**
   * The operator's keyed state backend (keyed operators only), created on first call and
   * already restored when the task restores from a checkpoint. The task snapshots it.
   */
  keyedStateBackend(): KeyedStateBackend;
  /** This subtask's share of the operator's list state when restoring, else undefined. */
  restoredOperatorState(): OperatorListState | undefined;
  /** The checkpoint or savepoint the task restored from, when it did. */
  readonly restoredCheckpointId?: number;
  /**
   * The chain's record-timestamp register (see record-timestamp.ts), shared by the task,
   * its operators and its record writers. Absent in tests that do not use event time.
   */
  readonly timestamps?: TimestampRegister;
  /** The task's processing-time clock and timers (absent: the operator uses its own). */
  readonly processingTimeService?: ProcessingTimeService;
}

export interface StreamOperator extends Output {
  readonly name: string;
  /** Next element of the chain (set by the task before open). */
  output: Output;
  /**
   * Two-input operators: the entry point of their second input (the task hands records of
   * edges with targetInput 1 to it; `collect` is the first input).
   */
  readonly input2?: Output;
  open(ctx: OperatorContext): void | Promise<void>;
  /** Event time advanced on all inputs; fire what is due, then forward the watermark. */
  processWatermark(timestamp: number): void;
  /** End of input reached: emit whatever is pending (bounded jobs). */
  endInput(): void | Promise<void>;
  /** Periodic call (buffer timeout) to flush buffered output such as stdout lines. */
  flush?(): void;
  /**
   * The synchronous part of a checkpoint: return the operator's non-keyed state (keyed state
   * lives in the keyed state backend, which the task snapshots itself). Two-phase-commit
   * sinks pre-commit here; a sink whose pre-commit is asynchronous (a flush) returns a promise,
   * and the checkpoint's state is written once it resolved.
   */
  snapshotState?(checkpointId: number): OperatorListState | undefined | Promise<OperatorListState | undefined>;
  /** The checkpoint completed on every task: two-phase-commit sinks commit here. */
  notifyCheckpointComplete?(checkpointId: number): void | Promise<void>;
  close(): void | Promise<void>;
}

/** Discards records: the output of a chain that ends in a sink. */
export const DISCARDING_OUTPUT: Output = { collect() {}, emitWatermark() {} };

/** Base class with no-op lifecycle methods; watermarks are forwarded unchanged. */
export abstract class AbstractOperator implements StreamOperator {
  output: Output = DISCARDING_OUTPUT;
  constructor(readonly name: string) {}
  abstract collect(record: unknown): void;
  open(_ctx: OperatorContext): void | Promise<void> {}
  processWatermark(timestamp: number): void {
    this.output.emitWatermark(timestamp);
  }
  /** An operator is the Output of its predecessor in the chain. */
  emitWatermark(timestamp: number): void {
    this.processWatermark(timestamp);
  }
  /** Idleness passes through operators unchanged. */
  emitWatermarkStatus(idle: boolean): void {
    this.output.emitWatermarkStatus?.(idle);
  }
  endInput(): void | Promise<void> {}
  close(): void | Promise<void> {}
}
