import { AbstractOperator, type OperatorContext } from './operator';
import type { KeyedStateBackend, StateTable } from '../state/keyed-state-backend';
import type { RollingAggregation } from '../../api/keyed-stream';
import type { FieldRef } from '../../api/functions';

/**
 * Rolling reduce / sum / min / max / count on a keyed stream: one value per key, held per
 * key group, and the updated value emitted for every input record (Flink's semantics: the
 * non-aggregated fields are those of the key's first record).
 */
export class KeyedRollingOperator extends AbstractOperator {
  private backend!: KeyedStateBackend;
  private state!: StateTable<unknown>;
  private keySelector!: (v: unknown) => unknown;
  private reduceFn: ((a: unknown, b: unknown) => unknown) | undefined;

  constructor(
    name: string,
    private readonly aggregation: RollingAggregation,
    private readonly field: FieldRef | null,
    private readonly keySelectorId: number,
    reduceFn: unknown,
  ) {
    super(name);
    this.reduceFn = reduceFn as ((a: unknown, b: unknown) => unknown) | undefined;
  }

  override open(ctx: OperatorContext): void {
    this.keySelector = ctx.userFunction(this.keySelectorId) as (v: unknown) => unknown;
    this.backend = ctx.keyedStateBackend();
    this.state = this.backend.table<unknown>('rolling');
  }

  collect(record: unknown): void {
    const key = this.keySelector(record);
    this.backend.setCurrentKey(key);
    const previous = this.state.get();
    const next = previous === undefined ? this.first(record, key) : this.combine(previous, record, key);
    this.state.put(next);
    this.output.collect(next);
  }

  private first(record: unknown, key: unknown): unknown {
    switch (this.aggregation) {
      case 'count':
        return [key, 1];
      case 'reduce':
        return record;
      default:
        return copyRecord(record);
    }
  }

  private combine(previous: unknown, record: unknown, key: unknown): unknown {
    const f = this.field as FieldRef;
    switch (this.aggregation) {
      case 'reduce':
        return this.reduceFn!(previous, record);
      case 'count':
        return [key, (previous as [unknown, number])[1] + 1];
      case 'sum': {
        const out = copyRecord(previous) as Record<FieldRef, number>;
        out[f] = (previous as Record<FieldRef, number>)[f] + (record as Record<FieldRef, number>)[f];
        return out;
      }
      case 'min':
      case 'max': {
        const a = (previous as Record<FieldRef, number>)[f];
        const b = (record as Record<FieldRef, number>)[f];
        const keep = this.aggregation === 'min' ? b < a : b > a;
        if (!keep) return previous;
        const out = copyRecord(previous) as Record<FieldRef, number>;
        out[f] = b;
        return out;
      }
    }
  }
}

/** A shallow copy, so that emitted records never alias the state they came from. */
function copyRecord(r: unknown): unknown {
  if (Array.isArray(r)) return r.slice();
  if (r !== null && typeof r === 'object') return { ...(r as object) };
  return r;
}
