import type { StreamExecutionEnvironment } from './environment';
import type { Transformation, TransformationKind } from './transformation';
import type { FilterFunction, FlatMapFunction, KeySelector, MapFunction, ProcessFunction, FieldRef, ReduceFunction } from './functions';
import type { KeyedProcessFunction } from './process-functions';
import type { Sink } from './connector/sink';
import { FileSink } from './sinks/file/file-sink';
import { InvalidArgumentError } from '../common/errors';
import { WatermarkStrategy } from './watermark-strategy';
import { WindowedStream } from './windowed-stream';
import type { WindowAssigner } from './windowing/window-assigner';
import { GlobalWindows } from './windowing/global-windows';
import { CountTrigger, PurgingTrigger, CountEvictor } from './windowing/triggers';
import { ConnectedStreams } from './connected-streams';
import { BroadcastStream, BroadcastConnectedStream } from './broadcast-stream';
import { JoinedStreams } from './joined-streams';
import { IntervalJoin } from './interval-join';
import { checkOutputTag, type OutputTag } from './output-tag';
import { MapStateDescriptor } from './state-descriptors';

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
      throw new InvalidArgumentError(`${this.transformation.name} is non-parallel (a single-task source or windowAll): its parallelism must be 1, got ${parallelism}`);
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

  /**
   * Without arguments: every record goes to every subtask of the next operator. With
   * MapStateDescriptors: a BroadcastStream whose elements update that broadcast state,
   * to connect to another stream (`events.keyBy(k).connect(rules.broadcast(d))`).
   */
  broadcast(): DataStream<T>;
  broadcast(...descriptors: MapStateDescriptor<any, any>[]): BroadcastStream<T>;
  broadcast(...descriptors: MapStateDescriptor<any, any>[]): DataStream<T> | BroadcastStream<T> {
    const stream = this.partition('broadcast', 'Broadcast');
    if (descriptors.length === 0) return stream;
    for (const d of descriptors) if (!(d instanceof MapStateDescriptor)) throw new InvalidArgumentError('broadcast(...descriptors): broadcast state is named by MapStateDescriptors');
    return new BroadcastStream<T>(stream, descriptors);
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

  // ------------------------------------------------------------------ event time, windows, two inputs

  /**
   * Gives records event timestamps and generates watermarks (periodically, every
   * auto-watermark interval). Put it right after the source: it then runs in the source's
   * task, as Flink's fromSource(source, strategy) would.
   */
  assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): DataStream<T> {
    if (!(strategy instanceof WatermarkStrategy))
      throw new InvalidArgumentError('assignTimestampsAndWatermarks(strategy): expected a WatermarkStrategy (e.g. WatermarkStrategy.forBoundedOutOfOrderness(ms).withTimestampAssigner(fn))');
    return this.oneInput<T>('timestamps', 'Timestamps/Watermarks', strategy, { ...strategy.config, hasTimestampAssigner: strategy.timestampAssigner !== undefined });
  }

  /** Windows over the whole stream, evaluated by one task (Flink's windowAll). */
  windowAll(assigner: WindowAssigner): WindowedStream<T, never, never> {
    return new WindowedStream<T, never, never>(this.env, this.transformation, assigner, null, this.factory);
  }

  /** Windows of `size` elements over the whole stream (every `slide` elements if given). */
  countWindowAll(size: number, slide?: number): WindowedStream<T, never, never> {
    return countWindows(this.windowAll(GlobalWindows.create()), size, slide);
  }

  /** Connects another stream (or a broadcast stream) for a two-input operator. */
  connect<B>(other: BroadcastStream<B>): BroadcastConnectedStream<T, B>;
  connect<B>(other: DataStream<B>): ConnectedStreams<T, B>;
  connect<B>(other: DataStream<B> | BroadcastStream<B>): ConnectedStreams<T, B> | BroadcastConnectedStream<T, B> {
    if (other instanceof BroadcastStream) return new BroadcastConnectedStream<T, B>(this, other);
    this.checkSameEnv(other, 'connect');
    return new ConnectedStreams<T, B>(this, other);
  }

  /** A window join with another stream: join(b).where(ka).equalTo(kb).window(assigner).apply(fn). */
  join<R>(other: DataStream<R>): JoinedStreams<T, R> {
    this.checkSameEnv(other, 'join');
    return new JoinedStreams<T, R>(this, other);
  }

  /** The records this operator emitted to the side output `tag` (ctx.output, late window data). */
  getSideOutput<X>(tag: OutputTag<X>): DataStream<X> {
    const id = checkOutputTag(tag, 'getSideOutput(tag)').id;
    if (this.transformation.kind === 'partition' || this.transformation.kind === 'union' || this.transformation.kind === 'sideOutput')
      throw new InvalidArgumentError('getSideOutput(tag): call it on the stream of the operator that emits the side output');
    const t = this.env.addTransformation({ kind: 'sideOutput', name: `SideOutput(${id})`, inputs: [this.transformation], config: { tag: id } });
    return new DataStream<X>(this.env, t);
  }

  /** @internal A stream of a new transformation of this environment. */
  derive<R>(t: Transformation): DataStream<R> {
    return new DataStream<R>(this.env, t);
  }

  /** @internal */
  protected readonly factory = <R>(t: Transformation): DataStream<R> => new DataStream<R>(this.env, t);

  private checkSameEnv(other: unknown, op: string): void {
    if (!(other instanceof DataStream)) throw new InvalidArgumentError(`${op}(stream): expected a DataStream`);
    if (other.env !== this.env) throw new InvalidArgumentError(`${op}: streams must come from the same environment`);
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

  /**
   * Ends the stream in a Sink (Sink V2, docs/connectors.md): a writer per subtask and, for a
   * transactional sink, a committer that commits what the writers pre-committed on each
   * checkpoint's barrier once the checkpoint completes.
   */
  sinkTo(sink: Sink<T>): DataStream<T> {
    if (sink instanceof FileSink) return this.sink('sink.file', 'File Sink', { ...sink.config }, sink);
    if (typeof sink !== 'object' || sink === null || typeof (sink as Sink<T>).createWriter !== 'function')
      throw new InvalidArgumentError('sinkTo(sink): expected FileSink.forRowFormat(dir) or a Sink, an object with createWriter(ctx) (docs/connectors.md)');
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

  /** Processes each element with the key's state and timers (Flink's KeyedProcessFunction). */
  override process<R>(fn: KeyedProcessFunction<K, T, R>): DataStream<R> {
    if (typeof fn !== 'object' || fn === null || typeof fn.processElement !== 'function')
      throw new InvalidArgumentError('keyBy(...).process(fn): expected an object with processElement(value, ctx, out) and optionally open(ctx), onTimer(ts, ctx, out)');
    return this.oneInput<R>('keyed.process', 'Keyed Process', fn, { keySelectorIds: [this.transformation.id] });
  }

  /** Cuts each key's elements into windows. */
  window(assigner: WindowAssigner): WindowedStream<T, K> {
    return new WindowedStream<T, K>(this.env, this.transformation, assigner, this.transformation.id, this.factory);
  }

  /** Windows of `size` elements per key (every `slide` elements if given), as Flink's countWindow. */
  countWindow(size: number, slide?: number): WindowedStream<T, K> {
    return countWindows(this.window(GlobalWindows.create()), size, slide);
  }

  /** Joins with another keyed stream by time interval: intervalJoin(b).between(lower, upper).process(fn). */
  intervalJoin<R>(other: KeyedStream<R, K>): IntervalJoin<T, R, K> {
    if (!(other instanceof KeyedStream)) throw new InvalidArgumentError('intervalJoin(other): other must be a keyed stream (b.keyBy(k))');
    if (other.env !== this.env) throw new InvalidArgumentError('intervalJoin: streams must come from the same environment');
    return new IntervalJoin<T, R, K>(this, other);
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

/** countWindow(size) = GlobalWindows + purging count trigger; with slide, a count evictor keeps the last `size`. */
function countWindows<W extends WindowedStream<any, any, any>>(w: W, size: number, slide: number | undefined): W {
  if (slide === undefined) return w.trigger(PurgingTrigger.of(CountTrigger.of(size)));
  return w.evictor(CountEvictor.of(size)).trigger(CountTrigger.of(slide));
}
