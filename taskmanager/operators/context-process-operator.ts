import type { ProcessContext } from '../../api/functions';
import { AbstractOperator, type OperatorContext } from './operator';
import { OperatorProcessContext } from './process-context';
import { TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';

/** What a non-keyed process function may implement around its records. */
interface ProcessLifecycle {
  open?(ctx: ProcessContext): void;
  close?(): void;
}

/**
 * The part non-keyed process operators share (process(fn) and connect().process(fn)): one
 * reusable context (timestamp, side outputs, clock) opened for the function, kept up to date
 * with the watermark, and the function's close.
 */
export abstract class ContextProcessOperator<F extends ProcessLifecycle> extends AbstractOperator {
  protected ctx!: OperatorProcessContext;

  constructor(
    name: string,
    protected readonly fn: F,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    this.ctx = new OperatorProcessContext(this, ctx.timestamps ?? new TimestampRegister(), processingTimeServiceOf(ctx));
    this.ctx.subtaskIndex = ctx.subtaskIndex;
    this.ctx.parallelism = ctx.parallelism;
    this.fn.open?.(this.ctx);
  }

  override processWatermark(timestamp: number): void {
    this.ctx.watermark = timestamp;
    this.output.emitWatermark(timestamp);
  }

  override close(): void {
    this.fn.close?.();
  }
}
