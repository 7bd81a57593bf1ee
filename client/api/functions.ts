/** User function types of the DataStream API. */

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
}

/** A non-keyed process function: called once per element, may emit any number of records. */
export interface ProcessFunction<T, R> {
  open?(ctx: ProcessContext): void;
  processElement(value: T, ctx: ProcessContext, out: Collector<R>): void;
  close?(): void;
}

/** A field of a tuple (array index) or of an object (property name). */
export type FieldRef = number | string;
