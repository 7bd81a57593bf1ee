import { AbstractOperator, type OperatorContext, type Output } from './operator';
import { OperatorProcessContext } from './process-context';
import { TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';
import type { CoProcessFunction } from '../../api/process-functions';

/** a.connect(b).process(fn) on non-keyed streams: Flink's CoProcessOperator. */
export class CoProcessOperator extends AbstractOperator {
  private ctx!: OperatorProcessContext;
  readonly input2: Output = {
    collect: (record: unknown) => this.fn.processElement2(record, this.ctx, this.output),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  constructor(
    name: string,
    private readonly fn: CoProcessFunction<unknown, unknown, unknown>,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    this.ctx = new OperatorProcessContext(this, ctx.timestamps ?? new TimestampRegister(), processingTimeServiceOf(ctx));
    this.ctx.subtaskIndex = ctx.subtaskIndex;
    this.ctx.parallelism = ctx.parallelism;
    this.fn.open?.(this.ctx);
  }

  collect(record: unknown): void {
    this.fn.processElement1(record, this.ctx, this.output);
  }

  override processWatermark(timestamp: number): void {
    this.ctx.watermark = timestamp;
    this.output.emitWatermark(timestamp);
  }

  override close(): void {
    this.fn.close?.();
  }
}
