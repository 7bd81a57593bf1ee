import { KeyedProcessOperatorBase } from './keyed-process-operator-base';
import type { KeyedProcessFunction, KeyedCoProcessFunction } from '../../api/process-functions';

/** keyed.process(fn): Flink's KeyedProcessOperator (open, timers and close in the base). */
export class KeyedProcessOperator extends KeyedProcessOperatorBase {
  constructor(
    name: string,
    private readonly fn: KeyedProcessFunction<unknown, unknown, unknown>,
    keySelectorId: number,
  ) {
    super(name, [keySelectorId], fn);
  }

  protected processElement1(record: unknown): void {
    this.setKeyOf(record, 0);
    this.fn.processElement(record, this.ctx, this.output);
  }
}

/** a.connect(b).keyBy(ka, kb).process(fn): Flink's KeyedCoProcessOperator. */
export class KeyedCoProcessOperator extends KeyedProcessOperatorBase {
  constructor(
    name: string,
    private readonly fn: KeyedCoProcessFunction<unknown, unknown, unknown, unknown>,
    keySelectorIds: ReadonlyArray<number | null>,
  ) {
    super(name, keySelectorIds, fn);
  }

  protected processElement1(record: unknown): void {
    this.setKeyOf(record, 0);
    this.fn.processElement1(record, this.ctx, this.output);
  }

  protected override processElement2(record: unknown): void {
    this.setKeyOf(record, 1);
    this.fn.processElement2(record, this.ctx, this.output);
  }
}
