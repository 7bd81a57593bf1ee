import type { OperatorContext } from './operator';
import { KeyedProcessOperatorBase } from './keyed-process-operator-base';
import type { KeyedProcessFunction, KeyedCoProcessFunction } from '../../api/process-functions';

/** keyed.process(fn): Flink's KeyedProcessOperator. */
export class KeyedProcessOperator extends KeyedProcessOperatorBase {
  constructor(
    name: string,
    private readonly fn: KeyedProcessFunction<unknown, unknown, unknown>,
    keySelectorId: number,
  ) {
    super(name, [keySelectorId]);
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    this.onTimer = this.fn.onTimer?.bind(this.fn);
    this.fn.open?.(this.ctx);
  }

  protected processElement1(record: unknown): void {
    this.setKeyOf(record, 0);
    this.fn.processElement(record, this.ctx, this.output);
  }

  override close(): void {
    super.close();
    this.fn.close?.();
  }
}

/** a.connect(b).keyBy(ka, kb).process(fn): Flink's KeyedCoProcessOperator. */
export class KeyedCoProcessOperator extends KeyedProcessOperatorBase {
  constructor(
    name: string,
    private readonly fn: KeyedCoProcessFunction<unknown, unknown, unknown, unknown>,
    keySelectorIds: ReadonlyArray<number | null>,
  ) {
    super(name, keySelectorIds);
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    this.onTimer = this.fn.onTimer?.bind(this.fn);
    this.fn.open?.(this.ctx);
  }

  protected processElement1(record: unknown): void {
    this.setKeyOf(record, 0);
    this.fn.processElement1(record, this.ctx, this.output);
  }

  protected override processElement2(record: unknown): void {
    this.setKeyOf(record, 1);
    this.fn.processElement2(record, this.ctx, this.output);
  }

  override close(): void {
    super.close();
    this.fn.close?.();
  }
}
