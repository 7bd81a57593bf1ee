import type { Output } from './operator';
import { ContextProcessOperator } from './context-process-operator';
import type { CoProcessFunction } from '../../api/process-functions';

/** a.connect(b).process(fn) on non-keyed streams: Flink's CoProcessOperator. */
export class CoProcessOperator extends ContextProcessOperator<CoProcessFunction<unknown, unknown, unknown>> {
  readonly input2: Output = {
    collect: (record: unknown) => this.fn.processElement2(record, this.ctx, this.output),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  collect(record: unknown): void {
    this.fn.processElement1(record, this.ctx, this.output);
  }
}
