import { DataStream } from './data-stream';
import type { FieldRef, ReduceFunction } from './functions';
import { InvalidArgumentError } from '../../common/errors';

export type RollingAggregation = 'reduce' | 'sum' | 'min' | 'max' | 'count';

/**
 * A stream partitioned by key. Rolling aggregations keep one value per key (held per key
 * group) and emit the updated value for every input record, as Flink's do.
 */
export class KeyedStream<T, K> extends DataStream<T> {
  reduce(fn: ReduceFunction<T>): DataStream<T> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('reduce(fn): fn must be a function (acc, value) => acc');
    return this.rolling<T>('reduce', 'Keyed Reduce', fn, undefined);
  }

  /** Sum of a numeric field; the other fields are those of the key's first record. */
  sum(field: FieldRef): DataStream<T> {
    return this.rolling<T>('sum', `Keyed Sum(${field})`, undefined, checkField(field, 'sum'));
  }

  min(field: FieldRef): DataStream<T> {
    return this.rolling<T>('min', `Keyed Min(${field})`, undefined, checkField(field, 'min'));
  }

  max(field: FieldRef): DataStream<T> {
    return this.rolling<T>('max', `Keyed Max(${field})`, undefined, checkField(field, 'max'));
  }

  /** Emits `[key, count]` for every record. */
  count(): DataStream<[K, number]> {
    return this.rolling<[K, number]>('count', 'Keyed Count', undefined, undefined);
  }

  private rolling<R>(aggregation: RollingAggregation, name: string, fn: unknown, field: FieldRef | undefined): DataStream<R> {
    return this.oneInput<R>('keyed.reduce', name, fn, { aggregation, field: field ?? null, keySelectorId: this.transformation.id });
  }
}

function checkField(field: FieldRef, op: string): FieldRef {
  if (typeof field === 'number' ? !Number.isInteger(field) || field < 0 : typeof field !== 'string' || field.length === 0)
    throw new InvalidArgumentError(`${op}(field): expected a tuple index (>= 0) or a field name`);
  return field;
}
