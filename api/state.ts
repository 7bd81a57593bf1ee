/**
 * Keyed state as user functions see it (Flink's state primitives). Every state object is
 * scoped to the key of the element (or timer) being processed: the same object returns
 * another key's value after the next element. State objects are created once per name and
 * may be kept in fields; reading and writing them allocates nothing beyond your own values.
 *
 * Values must be plain data (primitives, arrays, plain objects, Uint8Array): state is
 * written to checkpoints and savepoints with msgpack. Do not mutate a value after handing
 * it to state unless you update it again.
 */

/** One value per key. */
export interface ValueState<T> {
  /** The key's value, or the descriptor's default (undefined without one). */
  value(): T | undefined;
  update(value: T): void;
  clear(): void;
}

/** A list per key, appended to in place. */
export interface ListState<T> {
  /** The key's elements (an empty array when none). Read-only: change it with add/update. */
  get(): readonly T[];
  add(value: T): void;
  addAll(values: Iterable<T>): void;
  /** Replaces the key's elements. */
  update(values: Iterable<T>): void;
  clear(): void;
}

/** A map per key. Map keys are compared by value (strings, numbers, or plain composites). */
export interface MapState<UK, UV> {
  get(key: UK): UV | undefined;
  put(key: UK, value: UV): void;
  putAll(entries: Iterable<[UK, UV]> | Record<string, UV>): void;
  remove(key: UK): void;
  contains(key: UK): boolean;
  entries(): IterableIterator<[UK, UV]>;
  keys(): IterableIterator<UK>;
  values(): IterableIterator<UV>;
  isEmpty(): boolean;
  clear(): void;
}

/** A value per key that every add() folds in with a reduce function. */
export interface ReducingState<T> {
  get(): T | undefined;
  add(value: T): void;
  clear(): void;
}

/** An accumulator per key that every add() folds in with an AggregateFunction; get() is its result. */
export interface AggregatingState<IN, OUT> {
  get(): OUT | undefined;
  add(value: IN): void;
  clear(): void;
}

/** Folds values into an accumulator (windows' aggregate(), AggregatingState). */
export interface AggregateFunction<IN, ACC, OUT> {
  createAccumulator(): ACC;
  /** Adds a value; returns the accumulator (the same object or a new one). */
  add(value: IN, accumulator: ACC): ACC;
  getResult(accumulator: ACC): OUT;
  /** Combines two accumulators; required by merging (session) windows. */
  merge?(a: ACC, b: ACC): ACC;
}
