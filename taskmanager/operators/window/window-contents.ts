import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import { NamespacedStateTable } from '../../state/namespaced-state-table';
import type { ReduceFunction, FieldRef } from '../../../api/functions';
import type { AggregateFunction } from '../../../api/state';
import { SluiceError } from '../../../common/errors';

/**
 * What a window holds per (key, window) — keyed state in the table '$window/contents', so it
 * is checkpointed and rescaled with everything else. Incremental kinds (reduce, aggregate,
 * sum/min/max) keep one value per window; process, evicting and join windows keep elements.
 * An add is two Map lookups plus the user's function.
 */
export interface WindowContents {
  /** Adds to the current key's window `ns`; true when this created the window's contents. */
  add(ns: number, element: unknown, input: number): boolean;
  get(ns: number): unknown;
  remove(ns: number): void;
  /** Merges window `source` into `target` and removes `source` (session windows). */
  merge(target: number, source: number): void;
  /** Windows held over all keys (tests: expired windows must be released). */
  readonly size: number;
}

const TABLE = '$window/contents';

abstract class TableContents<V> implements WindowContents {
  protected readonly table: NamespacedStateTable<V>;
  constructor(backend: KeyedStateBackend) {
    this.table = new NamespacedStateTable<V>(backend, TABLE);
  }
  abstract add(ns: number, element: unknown, input: number): boolean;
  protected abstract combine(a: V, b: V): V;
  get(ns: number): V | undefined {
    return this.table.get(ns);
  }
  remove(ns: number): void {
    this.table.remove(ns);
  }
  merge(target: number, source: number): void {
    const s = this.table.get(source);
    if (s === undefined) return;
    const t = this.table.get(target);
    this.table.remove(source);
    this.table.put(target, t === undefined ? s : this.combine(t, s));
  }
  get size(): number {
    return this.table.size;
  }
}

/** reduce(fn): the window's value folded with fn (the first element stored as is). */
export class ReducingContents extends TableContents<unknown> {
  constructor(
    backend: KeyedStateBackend,
    private readonly fn: ReduceFunction<unknown>,
  ) {
    super(backend);
  }
  add(ns: number, element: unknown): boolean {
    const cur = this.table.get(ns);
    this.table.put(ns, cur === undefined ? element : this.fn(cur, element));
    return cur === undefined;
  }
  protected combine(a: unknown, b: unknown): unknown {
    return this.fn(a, b);
  }
}

/** aggregate(fn): one accumulator per window. */
export class AggregatingContents extends TableContents<unknown> {
  constructor(
    backend: KeyedStateBackend,
    private readonly fn: AggregateFunction<unknown, unknown, unknown>,
  ) {
    super(backend);
  }
  add(ns: number, element: unknown): boolean {
    const acc = this.table.get(ns);
    this.table.put(ns, this.fn.add(element, acc === undefined ? this.fn.createAccumulator() : acc));
    return acc === undefined;
  }
  protected combine(a: unknown, b: unknown): unknown {
    if (!this.fn.merge) throw new SluiceError('INVALID_ARGUMENT', 'Merging (session) windows need AggregateFunction.merge(a, b)', { domain: 'user' });
    return this.fn.merge(a, b);
  }
}

/** sum/min/max(field): a private copy of the first element whose field is updated in place. */
export class FieldAggregateContents extends TableContents<Record<FieldRef, number>> {
  private readonly agg: FieldAggregator;
  constructor(backend: KeyedStateBackend, kind: 'sum' | 'min' | 'max', field: FieldRef) {
    super(backend);
    this.agg = new FieldAggregator(kind, field);
  }
  add(ns: number, element: unknown): boolean {
    const acc = this.table.get(ns);
    if (acc !== undefined) {
      this.agg.add(acc, element);
      return false;
    }
    this.table.put(ns, this.agg.first(element));
    return true;
  }
  protected combine(a: Record<FieldRef, number>, b: Record<FieldRef, number>): Record<FieldRef, number> {
    this.agg.add(a, b);
    return a;
  }
}

/** process(fn) and evicting windows: the elements themselves, appended in place. */
export class ListContents extends TableContents<unknown[]> {
  add(ns: number, element: unknown): boolean {
    const list = this.table.get(ns);
    if (list !== undefined) {
      list.push(element);
      return false;
    }
    this.table.put(ns, [element]);
    return true;
  }
  protected combine(a: unknown[], b: unknown[]): unknown[] {
    for (let i = 0; i < b.length; i++) a.push(b[i]);
    return a;
  }
}

/** Window joins: the elements of both inputs, [left, right]. */
export class JoinContents extends TableContents<[unknown[], unknown[]]> {
  add(ns: number, element: unknown, input: number): boolean {
    const sides = this.table.get(ns);
    if (sides !== undefined) {
      sides[input].push(element);
      return false;
    }
    const fresh: [unknown[], unknown[]] = [[], []];
    fresh[input].push(element);
    this.table.put(ns, fresh);
    return true;
  }
  protected combine(a: [unknown[], unknown[]], b: [unknown[], unknown[]]): [unknown[], unknown[]] {
    for (const e of b[0]) a[0].push(e);
    for (const e of b[1]) a[1].push(e);
    return a;
  }
}

/**
 * Windowed sum/min/max (Flink's semantics): the result is the first element with the field
 * replaced by the aggregate. The accumulator is a private copy, mutated in place.
 */
export class FieldAggregator {
  constructor(
    private readonly kind: 'sum' | 'min' | 'max',
    private readonly field: FieldRef,
  ) {}

  first(element: unknown): Record<FieldRef, number> {
    return copyRecord(element) as Record<FieldRef, number>;
  }

  add(acc: Record<FieldRef, number>, element: unknown): void {
    const f = this.field;
    const v = (element as Record<FieldRef, number>)[f];
    switch (this.kind) {
      case 'sum':
        acc[f] += v;
        return;
      case 'min':
        if (v < acc[f]) acc[f] = v;
        return;
      case 'max':
        if (v > acc[f]) acc[f] = v;
        return;
    }
  }
}

/** A shallow copy, so that emitted records never alias state. */
export function copyRecord(r: unknown): unknown {
  if (Array.isArray(r)) return r.slice();
  if (r !== null && typeof r === 'object') return { ...(r as object) };
  return r;
}
