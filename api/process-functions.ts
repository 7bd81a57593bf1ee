/**
 * Function and context types of keyed processing, two-input streams, windows, joins and
 * broadcast state (Flink's names). Functions are objects with methods or, where noted, plain
 * functions.
 */
import type { Collector, ProcessContext, ReduceFunction, TimerService } from './functions';
import type { OutputTag } from './output-tag';
import type { AggregateFunction, AggregatingState, ListState, MapState, ReducingState, ValueState } from './state';
import type { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor } from './state-descriptors';
import type { TimeWindow } from './windowing/time-window';

export type TimeDomain = 'EVENT_TIME' | 'PROCESSING_TIME';

/** Keyed state by name or descriptor; the same name always returns the same state object. */
export interface KeyedStateAccess {
  getValueState<T>(descriptor: string | ValueStateDescriptor<T>): ValueState<T>;
  getListState<T>(descriptor: string | ListStateDescriptor<T>): ListState<T>;
  getMapState<UK, UV>(descriptor: string | MapStateDescriptor<UK, UV>): MapState<UK, UV>;
  getReducingState<T>(descriptor: ReducingStateDescriptor<T>): ReducingState<T>;
  getReducingState<T>(name: string, reduce: ReduceFunction<T>): ReducingState<T>;
  getAggregatingState<IN, ACC, OUT>(descriptor: AggregatingStateDescriptor<IN, ACC, OUT>): AggregatingState<IN, OUT>;
  getAggregatingState<IN, ACC, OUT>(name: string, aggregate: AggregateFunction<IN, ACC, OUT>): AggregatingState<IN, OUT>;
}

/** Context of keyed process functions: state and timers of the current key. */
export interface KeyedProcessContext<K> extends ProcessContext, KeyedStateAccess {
  /** The key of the element (or timer) being processed; undefined in open(). */
  getCurrentKey(): K;
}

export interface OnTimerContext<K> extends KeyedProcessContext<K> {
  timeDomain(): TimeDomain;
}

/** keyed.process(fn): one call per element, timers per key, keyed state. */
export interface KeyedProcessFunction<K, I, O> {
  /** Called once before the first element; state may be obtained here and kept in fields. */
  open?(ctx: KeyedProcessContext<K>): void;
  processElement(value: I, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  /** A timer of the current key fired; output records carry the timer's timestamp. */
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>): void;
  close?(): void;
}

/** a.connect(b).process(fn): two inputs, one output. */
export interface CoProcessFunction<I1, I2, O> {
  open?(ctx: ProcessContext): void;
  processElement1(value: I1, ctx: ProcessContext, out: Collector<O>): void;
  processElement2(value: I2, ctx: ProcessContext, out: Collector<O>): void;
  close?(): void;
}

/** a.connect(b).keyBy(ka, kb).process(fn): two inputs sharing keyed state and timers. */
export interface KeyedCoProcessFunction<K, I1, I2, O> {
  open?(ctx: KeyedProcessContext<K>): void;
  processElement1(value: I1, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  processElement2(value: I2, ctx: KeyedProcessContext<K>, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K>, out: Collector<O>): void;
  close?(): void;
}

/** What a window function sees besides the elements. */
export interface ProcessWindowContext {
  /** The window being fired: `ctx.window.start`, `ctx.window.end` (ms, end exclusive). */
  readonly window: TimeWindow;
  currentWatermark(): number;
  currentProcessingTime(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** window(...).process(fn): all elements of a window at once. A function or an object. */
export type ProcessWindowFunction<IN, OUT, K> =
  | ((key: K, ctx: ProcessWindowContext, elements: readonly IN[], out: Collector<OUT>) => void)
  | { process(key: K, ctx: ProcessWindowContext, elements: readonly IN[], out: Collector<OUT>): void };

/** windowAll(...).process(fn): as ProcessWindowFunction, without a key (Flink's ProcessAllWindowFunction). */
export type ProcessAllWindowFunction<IN, OUT> =
  | ((ctx: ProcessWindowContext, elements: readonly IN[], out: Collector<OUT>) => void)
  | { process(ctx: ProcessWindowContext, elements: readonly IN[], out: Collector<OUT>): void };

/** A window join's function: one output per pair of elements with equal keys in one window. */
export type JoinFunction<L, R, O> = (left: L, right: R) => O;

export interface ProcessJoinContext {
  getLeftTimestamp(): number;
  getRightTimestamp(): number;
  /** The output's timestamp: the larger of the two. */
  getTimestamp(): number;
  output<X>(tag: OutputTag<X>, value: X): void;
}

/** An interval join's function (a function or an object with processElement). */
export type ProcessJoinFunction<L, R, O> =
  | ((left: L, right: R, ctx: ProcessJoinContext, out: Collector<O>) => void)
  | { processElement(left: L, right: R, ctx: ProcessJoinContext, out: Collector<O>): void };

/** Broadcast state as the non-broadcast side sees it: read only. */
export interface ReadOnlyBroadcastState<K, V> {
  get(key: K): V | undefined;
  contains(key: K): boolean;
  entries(): IterableIterator<[K, V]>;
  keys(): IterableIterator<K>;
  values(): IterableIterator<V>;
  readonly size: number;
}

/** Broadcast state as the broadcast side sees it: the same updates happen on every subtask. */
export interface BroadcastState<K, V> extends ReadOnlyBroadcastState<K, V> {
  put(key: K, value: V): void;
  remove(key: K): void;
  clear(): void;
}

export interface ReadOnlyBroadcastContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): ReadOnlyBroadcastState<K, V>;
}

export interface BroadcastContext extends ProcessContext {
  getBroadcastState<K, V>(descriptor: MapStateDescriptor<K, V>): BroadcastState<K, V>;
}

/** keyed.connect(broadcastStream).process(fn): rules (broadcast) applied to keyed events. */
export interface KeyedBroadcastProcessFunction<K, IN, B, O> {
  open?(ctx: KeyedProcessContext<K> & ReadOnlyBroadcastContext): void;
  processElement(value: IN, ctx: KeyedProcessContext<K> & ReadOnlyBroadcastContext, out: Collector<O>): void;
  processBroadcastElement(value: B, ctx: BroadcastContext, out: Collector<O>): void;
  onTimer?(timestamp: number, ctx: OnTimerContext<K> & ReadOnlyBroadcastContext, out: Collector<O>): void;
  close?(): void;
}

/** stream.connect(broadcastStream).process(fn) on a non-keyed stream. */
export interface BroadcastProcessFunction<IN, B, O> {
  open?(ctx: ProcessContext & ReadOnlyBroadcastContext): void;
  processElement(value: IN, ctx: ProcessContext & ReadOnlyBroadcastContext, out: Collector<O>): void;
  processBroadcastElement(value: B, ctx: BroadcastContext, out: Collector<O>): void;
  close?(): void;
}
