import type { AggregatingState, AggregateFunction } from '../../api/state';
import type { ValueCell } from './value-cell';

/** AggregatingState: the key's accumulator is stored; get() returns its result. */
export class HeapAggregatingState<IN, ACC, OUT> implements AggregatingState<IN, OUT> {
  constructor(
    private readonly cell: ValueCell<ACC>,
    private readonly fn: AggregateFunction<IN, ACC, OUT>,
  ) {}

  get(): OUT | undefined {
    const acc = this.cell.read();
    return acc === undefined ? undefined : this.fn.getResult(acc);
  }

  add(value: IN): void {
    const acc = this.cell.read();
    this.cell.write(this.fn.add(value, acc === undefined ? this.fn.createAccumulator() : acc));
  }

  clear(): void {
    this.cell.clear();
  }
}
