import { AbstractOperator, type Output } from './operator';
import type { ProcessFunction } from '../../api/functions';
import { ContextProcessOperator } from './context-process-operator';
import { freshMethod } from './fresh-method';

// Each instance runs its own copy of collect (see freshMethod): the bodies below may use only
// `this`, the record and globals.

export class MapOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => unknown) {
    super(name);
    this.collect = freshMethod(MapOperator.prototype.collect, __filename);
  }
  collect(record: unknown): void {
    this.output.collect(this.fn(record));
  }
}

export class FilterOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => boolean) {
    super(name);
    this.collect = freshMethod(FilterOperator.prototype.collect, __filename);
  }
  collect(record: unknown): void {
    if (this.fn(record)) this.output.collect(record);
  }
}

export class FlatMapOperator extends AbstractOperator {
  constructor(name: string, private readonly fn: (v: unknown) => Iterable<unknown>) {
    super(name);
    this.collect = freshMethod(FlatMapOperator.prototype.collect, __filename);
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

/** process(fn) on a non-keyed stream: the function sees a reusable context (timestamp, side outputs, clock). */
export class ProcessOperator extends ContextProcessOperator<ProcessFunction<unknown, unknown>> {
  collect(record: unknown): void {
    this.fn.processElement(record, this.ctx, this.output as Output);
  }
}
