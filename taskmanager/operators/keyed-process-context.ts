import type { ReduceFunction } from '../../api/functions';
import type { KeyedProcessContext, OnTimerContext, TimeDomain } from '../../api/process-functions';
import type { AggregateFunction, AggregatingState, ListState, MapState, ReducingState, ValueState } from '../../api/state';
import type { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from '../../api/state-descriptors';
import { OperatorProcessContext } from './process-context';
import type { Output } from './operator';
import type { TimestampRegister } from './record-timestamp';
import type { ProcessingTimeService } from '../runtime/timer-service-processing-time';
import type { InternalTimerService } from '../runtime/timer-service';
import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { KeyedStateStore } from '../state/keyed-state-store';

/** User timers live in namespace 0 of the operator's timer service. */
const USER_NAMESPACE = 0;

/**
 * The context of keyed process functions: the current key, its state (by name or descriptor,
 * resolved to cached state objects) and its timers. One object per operator, reused.
 */
export class KeyedOperatorContext<K> extends OperatorProcessContext implements KeyedProcessContext<K>, OnTimerContext<K> {
  domain: TimeDomain = 'EVENT_TIME';

  constructor(
    owner: { readonly output: Output },
    register: TimestampRegister,
    clock: ProcessingTimeService,
    private readonly backend: KeyedStateBackend,
    private readonly store: KeyedStateStore,
    private readonly timers: InternalTimerService,
  ) {
    super(owner, register, clock);
  }

  getCurrentKey(): K {
    return this.backend.currentKey as K;
  }

  timeDomain(): TimeDomain {
    return this.domain;
  }

  override currentWatermark(): number {
    return this.timers.currentWatermark;
  }

  override registerEventTimeTimer(time: number): void {
    this.timers.registerEventTimeTimer(USER_NAMESPACE, time);
  }

  override registerProcessingTimeTimer(time: number): void {
    this.timers.registerProcessingTimeTimer(USER_NAMESPACE, time);
  }

  override deleteEventTimeTimer(time: number): void {
    this.timers.deleteEventTimeTimer(USER_NAMESPACE, time);
  }

  override deleteProcessingTimeTimer(time: number): void {
    this.timers.deleteProcessingTimeTimer(USER_NAMESPACE, time);
  }

  getValueState<T>(d: string | ValueStateDescriptor<T>): ValueState<T> {
    return this.store.getValueState(d);
  }

  getListState<T>(d: string | ListStateDescriptor<T>): ListState<T> {
    return this.store.getListState(d);
  }

  getMapState<UK, UV>(d: string | MapStateDescriptor<UK, UV>): MapState<UK, UV> {
    return this.store.getMapState(d);
  }

  getReducingState<T>(d: string | ReducingStateDescriptor<T>, fn?: ReduceFunction<T>): ReducingState<T> {
    return this.store.getReducingState(d, fn);
  }

  getAggregatingState<IN, ACC, OUT>(d: string | AggregatingStateDescriptor<IN, ACC, OUT>, fn?: AggregateFunction<IN, ACC, OUT>): AggregatingState<IN, OUT> {
    return this.store.getAggregatingState(d, fn);
  }
}
