import type { AggregateFunction, AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../api/state';
import type { ReduceFunction } from '../../api/functions';
import {
  StateDescriptor,
  ValueStateDescriptor,
  ListStateDescriptor,
  MapStateDescriptor,
  ReducingStateDescriptor,
  AggregatingStateDescriptor,
  checkAggregateFunction,
  type StateTtlSettings,
} from '../../api/state-descriptors';
import type { KeyedStateBackend } from './keyed-state-backend';
import { ValueCell } from './value-cell';
import { HeapValueState } from './value-state';
import { HeapListState } from './list-state';
import { HeapMapState } from './map-state';
import { HeapReducingState } from './reducing-state';
import { HeapAggregatingState } from './aggregating-state';
import { TtlPolicy } from './state-ttl';
import { InvalidArgumentError } from '../../common/errors';

/**
 * User-facing keyed state of one operator: resolves a name or descriptor to its state
 * object, created once and cached by the backend, so that `ctx.getValueState('count')` in
 * processElement is a Map lookup, not an allocation. All values live in the backend's tables.
 */
export class KeyedStateStore {
  /** Called once with the TTL of each TTL'd state, so the operator can schedule sweeps. */
  onTtlState: ((ttlMs: number) => void) | undefined;

  constructor(
    private readonly backend: KeyedStateBackend,
    /** Processing-time clock for TTL. */
    private readonly now: () => number,
  ) {
    backend.ttlClock = now;
  }

  getValueState<T>(d: string | ValueStateDescriptor<T>): ValueState<T> {
    const cached = this.cached<ValueState<T>>(d, 'value');
    if (cached !== undefined) return cached;
    const desc = typeof d === 'string' ? new ValueStateDescriptor<T>(d) : expect(d, ValueStateDescriptor, 'getValueState');
    return this.backend.state(desc.name, 'value', () => new HeapValueState<T>(new ValueCell<T>(this.backend, desc.name, this.ttl(desc.ttl)), desc.defaultValue));
  }

  getListState<T>(d: string | ListStateDescriptor<T>): ListState<T> {
    const cached = this.cached<ListState<T>>(d, 'list');
    if (cached !== undefined) return cached;
    const desc = typeof d === 'string' ? new ListStateDescriptor<T>(d) : expect(d, ListStateDescriptor, 'getListState');
    return this.backend.state(desc.name, 'list', () => new HeapListState<T>(this.backend, desc.name, this.ttl(desc.ttl)));
  }

  getMapState<UK, UV>(d: string | MapStateDescriptor<UK, UV>): MapState<UK, UV> {
    const cached = this.cached<MapState<UK, UV>>(d, 'map');
    if (cached !== undefined) return cached;
    const desc = typeof d === 'string' ? new MapStateDescriptor<UK, UV>(d) : expect(d, MapStateDescriptor, 'getMapState');
    return this.backend.state(desc.name, 'map', () => new HeapMapState<UK, UV>(this.backend, desc.name, this.ttl(desc.ttl)));
  }

  getReducingState<T>(d: string | ReducingStateDescriptor<T>, fn?: ReduceFunction<T>): ReducingState<T> {
    const cached = this.cached<ReducingState<T>>(d, 'reducing');
    if (cached !== undefined) return cached;
    if (typeof d === 'string' && typeof fn !== 'function') throw new InvalidArgumentError(`getReducingState('${d}', fn): fn must be a function (a, b) => value`);
    const desc = typeof d === 'string' ? new ReducingStateDescriptor<T>(d, fn!) : (expect(d, ReducingStateDescriptor, 'getReducingState') as ReducingStateDescriptor<T>);
    return this.backend.state(desc.name, 'reducing', () => new HeapReducingState<T>(new ValueCell<T>(this.backend, desc.name, this.ttl(desc.ttl)), desc.reduceFunction));
  }

  getAggregatingState<IN, ACC, OUT>(d: string | AggregatingStateDescriptor<IN, ACC, OUT>, fn?: AggregateFunction<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    const cached = this.cached<AggregatingState<IN, OUT>>(d, 'aggregating');
    if (cached !== undefined) return cached;
    if (typeof d === 'string') checkAggregateFunction(fn, `getAggregatingState('${d}', fn)`);
    const desc =
      typeof d === 'string' ? new AggregatingStateDescriptor<IN, ACC, OUT>(d, fn!) : (expect(d, AggregatingStateDescriptor, 'getAggregatingState') as AggregatingStateDescriptor<IN, ACC, OUT>);
    return this.backend.state(desc.name, 'aggregating', () => new HeapAggregatingState<IN, ACC, OUT>(new ValueCell<ACC>(this.backend, desc.name, this.ttl(desc.ttl)), desc.aggregateFunction));
  }

  /** Any kind of state by its descriptor (Flink's getState/getListState/... in one). */
  getState(d: StateDescriptor): unknown {
    if (d instanceof ValueStateDescriptor) return this.getValueState(d);
    if (d instanceof ListStateDescriptor) return this.getListState(d);
    if (d instanceof MapStateDescriptor) return this.getMapState(d);
    if (d instanceof ReducingStateDescriptor) return this.getReducingState(d);
    if (d instanceof AggregatingStateDescriptor) return this.getAggregatingState(d);
    throw new InvalidArgumentError('getState(descriptor): expected a Value/List/Map/Reducing/AggregatingStateDescriptor');
  }

  /** A state already created for this name: a Map lookup, no allocation (state fetched per element). */
  private cached<S>(d: string | StateDescriptor, kind: string): S | undefined {
    return this.backend.existingState<S>(typeof d === 'string' ? d : d.name, kind);
  }

  private ttl(settings: StateTtlSettings | undefined): TtlPolicy | undefined {
    if (!settings) return undefined;
    this.onTtlState?.(settings.ttlMs);
    return new TtlPolicy(settings, this.now);
  }
}

function expect<D>(d: unknown, type: abstract new (...args: never[]) => D, method: string): D {
  if (!(d instanceof type)) throw new InvalidArgumentError(`${method}(descriptor): expected a name or a ${type.name}`);
  return d;
}
