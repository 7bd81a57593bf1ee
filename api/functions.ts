/** User function types of the DataStream API. */
import type { OutputTag } from './output-tag';

export type MapFunction<T, R> = (value: T) => R;
export type FlatMapFunction<T, R> = (value: T) => Iterable<R>;
export type FilterFunction<T> = (value: T) => boolean;
export type KeySelector<T, K> = (value: T) => K;
export type ReduceFunction<T> = (accumulator: T, value: T) => T;

/** Emits records downstream from process functions. */
export interface Collector<T> {
  collect(record: T): void;
}

export interface ProcessContext {
  /** 0-based index of the subtask running this function. */
  readonly subtaskIndex: number;
  readonly parallelism: number;
  /** The current element's event timestamp (ms), or null when it has none. */
  timestamp(): number | null;
  /** Emits a record to the side output `tag` (read it with stream.getSideOutput(tag)). */
  output<X>(tag: OutputTag<X>, value: X): void;
  /** Time of this subtask: the clock and the current watermark (timers need a keyed stream). */
  timerService(): TimerService;
}

/** Time and timers (Flink's TimerService). Timers are scoped to the current key. */
export interface TimerService {
  currentProcessingTime(): number;
  /** The operator's event time: the last watermark it received. */
  currentWatermark(): number;
  /** Calls onTimer once the watermark passes `time`. Registering a timer twice keeps one. */
  registerEventTimeTimer(time: number): void;
  /** Calls onTimer once the clock passes `time`. */
  registerProcessingTimeTimer(time: number): void;
  deleteEventTimeTimer(time: number): void;
  deleteProcessingTimeTimer(time: number): void;
}

/** A non-keyed process function: called once per element, may emit any number of records. */
export interface ProcessFunction<T, R> {
  open?(ctx: ProcessContext): void;
  processElement(value: T, ctx: ProcessContext, out: Collector<R>): void;
  close?(): void;
}

/** A field of a tuple (array index) or of an object (property name). */
export type FieldRef = number | string;
