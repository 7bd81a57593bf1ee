import type { StreamExecutionEnvironment } from './environment';
import type { Transformation, TransformationKind } from './transformation';
import type { FilterFunction, FlatMapFunction, KeySelector, MapFunction, ProcessFunction, FieldRef, ReduceFunction } from './functions';
import { isBuiltInSink, type Sink, type BuiltInSink } from './sinks/sink';
import { FileSink } from './sinks/file-sink';
import { InvalidArgumentError } from '../../common/errors';

/** A stream of records of type T: the DataStream API (names as Flink's). */
export class DataStream<T> {
  constructor(
    readonly env: StreamExecutionEnvironment,
    /** @internal */ readonly transformation: Transformation,
  ) {}

  // ------------------------------------------------------------------ operator settings

  /** A stable id for this operator's state across job versions (savepoints map by uid). */
  uid(id: string): this {
    if (typeof id !== 'string' || id.length === 0) throw new InvalidArgumentError('uid(id): id must be a non-empty string');
    if (this.env.transformations.some((t) => t !== this.transformation && t.uid === id))
      throw new InvalidArgumentError(`uid '${id}' is used by more than one operator; uids must be unique within a job`);
    this.transformation.uid = id;
    return this;
  }

  name(name: string): this {
    this.transformation.name = String(name);
    return this;
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new InvalidArgumentError(`setParallelism: expected a positive integer, got ${parallelism}`);
    if (this.transformation.nonParallel && parallelism !== 1)
      throw new InvalidArgumentError(`${this.transformation.name} is a non-parallel source: its parallelism must be 1, got ${parallelism}`);
    if (this.transformation.kind === 'partition' || this.transformation.kind === 'union')
      throw new InvalidArgumentError('setParallelism cannot be set on keyBy/rebalance/broadcast/union; set it on the next operator');
    this.transformation.parallelism = parallelism;
    return this;
  }

  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768)
      throw new InvalidArgumentError(`setMaxParallelism: expected an integer in [1, 32768], got ${maxParallelism}`);
    this.transformation.maxParallelism = maxParallelism;
    return this;
  }

  getParallelism(): number {
    return this.transformation.parallelism ?? this.env.getParallelism();
  }

  // ------------------------------------------------------------------ transformations

  map<R>(fn: MapFunction<T, R>): DataStream<R> {
    return this.oneInput<R>('map', 'Map', requireFunction(fn, 'map'));
  }

  flatMap<R>(fn: FlatMapFunction<T, R>): DataStream<R> {
    return this.oneInput<R>('flatMap', 'FlatMap', requireFunction(fn, 'flatMap'));
  }

  filter(fn: FilterFunction<T>): DataStream<T> {
    return this.oneInput<T>('filter', 'Filter', requireFunction(fn, 'filter'));
  }

  process<R>(fn: ProcessFunction<T, R>): DataStream<R> {
    if (typeof fn !== 'object' || fn === null || typeof fn.processElement !== 'function')
      throw new InvalidArgumentError('process(fn): expected an object with processElement(value, ctx, out)');
    return this.oneInput<R>('process', 'Process', fn);
  }

  /** Partitions by key: records with equal keys go to the same subtask (by key group). */
  keyBy<K>(key: KeySelector<T, K> | FieldRef): KeyedStream<T, K> {
    const selector = toKeySelector<T, K>(key);
    const t = this.env.addTransformation({ kind: 'partition', name: 'KeyBy', inputs: [this.transformation], config: {}, fn: selector, partitioner: 'hash' });
    return new KeyedStream<T, K>(this.env, t);
  }

  rebalance(): DataStream<T> {
    return this.partition('rebalance', 'Rebalance');
  }

  broadcast(): DataStream<T> {
    return this.partition('broadcast', 'Broadcast');
  }

  /** Forward: one-to-one to the next operator (requires equal parallelism). */
  forward(): DataStream<T> {
    return this.partition('forward', 'Forward');
  }

  union(...others: DataStream<T>[]): DataStream<T> {
    for (const o of others) {
      if (!(o instanceof DataStream)) throw new InvalidArgumentError('union(...streams): every argument must be a DataStream');
      if (o.env !== this.env) throw new InvalidArgumentError('union: streams must come from the same environment');
    }
    const t = this.env.addTransformation({ kind: 'union', name: 'Union', inputs: [this.transformation, ...others.map((o) => o.transformation)], config: {} });
    return new DataStream<T>(this.env, t);
  }

  // ------------------------------------------------------------------ sinks

  /** One JSON line per record on the TaskManager's stdout, `N> ` prefixed when parallel. */
  print(): DataStream<T> {
    return this.sink('sink.print', 'Print to Std. Out', {}, undefined);
  }

  /** FileSink in row format: one JSON line per record in part files under dir. */
  writeAsText(dir: string): DataStream<T> {
    return this.sinkTo(FileSink.forRowFormat(dir));
  }

  sinkTo(sink: Sink<T> | BuiltInSink): DataStream<T> {
    if (isBuiltInSink(sink)) return this.sink(sink.builtInKind, 'File Sink', sink.config, undefined);
    if (typeof sink !== 'object' || sink === null || typeof (sink as Sink<T>).createWriter !== 'function')
      throw new InvalidArgumentError('sinkTo(sink): expected FileSink.forRowFormat(dir) or an object with createWriter(ctx)');
    return this.sink('sink.custom', 'Sink', {}, sink);
  }

  // ------------------------------------------------------------------ helpers

  /** @internal */
  protected oneInput<R>(kind: TransformationKind, name: string, fn: unknown, config: Record<string, unknown> = {}): DataStream<R> {
    const t = this.env.addTransformation({ kind, name, inputs: [this.transformation], config, fn });
    return new DataStream<R>(this.env, t);
  }

  private partition(partitioner: 'rebalance' | 'broadcast' | 'forward', name: string): DataStream<T> {
    const t = this.env.addTransformation({ kind: 'partition', name, inputs: [this.transformation], config: {}, partitioner });
    return new DataStream<T>(this.env, t);
  }

  private sink(kind: TransformationKind, name: string, config: Record<string, unknown>, fn: unknown): DataStream<T> {
    const t = this.env.addTransformation({ kind, name, inputs: [this.transformation], config, fn });
    return new DataStream<T>(this.env, t);
  }
}

function requireFunction(fn: unknown, op: string): unknown {
  if (typeof fn !== 'function') throw new InvalidArgumentError(`${op}(fn): fn must be a function, got ${typeof fn}`);
  return fn;
}

function toKeySelector<T, K>(key: KeySelector<T, K> | FieldRef): KeySelector<T, K> {
  if (typeof key === 'function') return key;
  if (typeof key === 'number' || typeof key === 'string') return (value: T) => (value as Record<string | number, K>)[key];
  throw new InvalidArgumentError('keyBy(key): expected a function, a tuple index or a field name');
}

// KeyedStream extends DataStream, so it lives in this module: a separate module would form
// an import cycle evaluated before DataStream exists.
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
