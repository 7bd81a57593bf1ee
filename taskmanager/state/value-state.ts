import type { ValueState } from '../../api/state';
import type { ValueCell } from './value-cell';

/** ValueState over a ValueCell: the descriptor's default stands in for a missing value. */
export class HeapValueState<T> implements ValueState<T> {
  constructor(
    private readonly cell: ValueCell<T>,
    private readonly defaultValue: T | undefined,
  ) {}

  value(): T | undefined {
    const v = this.cell.read();
    return v === undefined ? this.defaultValue : v;
  }

  update(value: T): void {
    // Flink: updating to null clears the state.
    if (value === undefined || value === null) this.cell.clear();
    else this.cell.write(value);
  }

  clear(): void {
    this.cell.clear();
  }
}
