/**
 * The operator model of a task. Operators in a chain call each other directly: the upstream
 * operator calls `collect(record)` on the next one; the chain's tail feeds the record writers.
 * No promise, closure or allocation per record in the runtime itself.
 */
export interface Output {
  collect(record: unknown): void;
}

export interface OperatorContext {
  readonly jobId: string;
  readonly attempt: number;
  readonly vertexId: string;
  readonly operatorName: string;
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly maxParallelism: number;
  /** Resolves a transformation id to the user's function/object of the rebuilt job. */
  userFunction(transformationId: number): unknown;
}

export interface StreamOperator extends Output {
  readonly name: string;
  /** Next element of the chain (set by the task before open). */
  output: Output;
  open(ctx: OperatorContext): void | Promise<void>;
  /** End of input reached: emit whatever is pending (bounded jobs). */
  endInput(): void | Promise<void>;
  /** Periodic call (buffer timeout) to flush buffered output such as stdout lines. */
  flush?(): void;
  close(): void | Promise<void>;
}

/** Discards records: the output of a chain that ends in a sink. */
export const DISCARDING_OUTPUT: Output = { collect() {} };

/** Base class with no-op lifecycle methods. */
export abstract class AbstractOperator implements StreamOperator {
  output: Output = DISCARDING_OUTPUT;
  constructor(readonly name: string) {}
  abstract collect(record: unknown): void;
  open(_ctx: OperatorContext): void | Promise<void> {}
  endInput(): void | Promise<void> {}
  close(): void | Promise<void> {}
}
