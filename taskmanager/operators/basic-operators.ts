import { AbstractOperator, type Output, type OperatorContext } from './operator';
import type { ProcessFunction, ProcessContext } from '../../client/api/functions';

export class MapOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => unknown) {
    super(name);
  }
  collect(record: unknown): void {
    this.output.collect(this.fn(record));
  }
}

export class FilterOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => boolean) {
    super(name);
  }
  collect(record: unknown): void {
    if (this.fn(record)) this.output.collect(record);
  }
}

export class FlatMapOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => Iterable<unknown>) {
    super(name);
  }
  collect(record: unknown): void {
    const result = this.fn(record);
    if (Array.isArray(result)) {
      // Arrays are the common case: index them instead of allocating an iterator.
      for (let i = 0; i < result.length; i++) this.output.collect(result[i]);
    } else if (result != null) {
      for (const r of result) this.output.collect(r);
    }
  }
}

export class ProcessOperator extends AbstractOperator implements ProcessContext {
  subtaskIndex = 0;
  parallelism = 1;
  constructor(name: string, private readonly fn: ProcessFunction<unknown, unknown>) {
    super(name);
  }
  override open(ctx: OperatorContext): void {
    this.subtaskIndex = ctx.subtaskIndex;
    this.parallelism = ctx.parallelism;
    this.fn.open?.(this);
  }
  collect(record: unknown): void {
    this.fn.processElement(record, this, this.output as Output);
  }
  override close(): void {
    this.fn.close?.();
  }
}
