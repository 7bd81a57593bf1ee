import { AbstractOperator, type Output, type OperatorContext } from './operator';
import type { ProcessFunction } from '../../api/functions';
import { OperatorProcessContext } from './process-context';
import { TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';

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

/** process(fn) on a non-keyed stream: the function sees a reusable context (timestamp, side outputs, clock). */
export class ProcessOperator extends AbstractOperator {
  private ctx!: OperatorProcessContext;
  constructor(name: string, private readonly fn: ProcessFunction<unknown, unknown>) {
    super(name);
  }
  override open(ctx: OperatorContext): void {
    this.ctx = new OperatorProcessContext(this, ctx.timestamps ?? new TimestampRegister(), processingTimeServiceOf(ctx));
    this.ctx.subtaskIndex = ctx.subtaskIndex;
    this.ctx.parallelism = ctx.parallelism;
    this.fn.open?.(this.ctx);
  }
  collect(record: unknown): void {
    this.fn.processElement(record, this.ctx, this.output as Output);
  }
  override processWatermark(timestamp: number): void {
    this.ctx.watermark = timestamp;
    this.output.emitWatermark(timestamp);
  }
  override close(): void {
    this.fn.close?.();
  }
}
