import type { ReducingState } from '../../api/state';
import type { ReduceFunction } from '../../api/functions';
import type { ValueCell } from './value-cell';

/** ReducingState: the key's value is folded with every add(). */
export class HeapReducingState<T> implements ReducingState<T> {
  constructor(
    private readonly cell: ValueCell<T>,
    private readonly reduce: ReduceFunction<T>,
  ) {}

  get(): T | undefined {
    return this.cell.read();
  }

  add(value: T): void {
    const current = this.cell.read();
    this.cell.write(current === undefined ? value : this.reduce(current, value));
  }

  clear(): void {
    this.cell.clear();
  }
}
