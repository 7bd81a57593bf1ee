import type { StreamExecutionEnvironment } from './environment';
import type { Transformation } from './transformation';
import type { DataStream } from './data-stream';
import type { FieldRef, ReduceFunction } from './functions';
import type { AggregateFunction } from './state';
import type { ProcessAllWindowFunction, ProcessWindowFunction } from './process-functions';
import { checkAggregateFunction } from './state-descriptors';
import { checkOutputTag, type OutputTag } from './output-tag';
import { WindowAssigner, type WindowAssignerConfig } from './windowing/window-assigner';
import { Trigger, CountEvictor, type EvictorConfig, type TriggerConfig } from './windowing/triggers';
import { InvalidArgumentError } from '../common/errors';

/** What the window operator computes per window. */
export type WindowFunctionKind = 'reduce' | 'aggregate' | 'process' | 'sum' | 'min' | 'max';

/** The plain-data configuration of a window operator (in the job graph). */
export interface WindowOperatorConfig {
  assigner: WindowAssignerConfig;
  trigger: TriggerConfig;
  evictor: EvictorConfig | null;
  allowedLatenessMs: number;
  lateDataTag: string | null;
  function: WindowFunctionKind;
  field: FieldRef | null;
  /** reduce/aggregate with a process function to see the window (Flink's two-argument forms). */
  withProcess: boolean;
  /** windowAll: one constant key, functions without a key argument. */
  all: boolean;
  keySelectorIds: Array<number | null>;
}

/** The user functions of a window operator (never serialised; bound by transformation id). */
export interface WindowFunctions {
  reduce?: ReduceFunction<unknown>;
  aggregate?: AggregateFunction<unknown, unknown, unknown>;
  /** A ProcessWindowFunction, or a ProcessAllWindowFunction for windowAll. */
  process?: ProcessWindowFunction<unknown, unknown, unknown> | ProcessAllWindowFunction<unknown, unknown>;
}

/** @internal Makes a DataStream of a new transformation (keeps this module free of an import cycle). */
export type StreamFactory = <R>(t: Transformation) => DataStream<R>;

/**
 * A keyed stream cut into windows (`keyed.window(assigner)`), or a whole stream
 * (`stream.windowAll(assigner)`, one task, as in Flink). Configure the trigger, evictor,
 * lateness and late-data side output, then give the window function.
 */
export class WindowedStream<T, K, KeyArg = K> {
  private triggerConfig: TriggerConfig;
  private evictorConfig: EvictorConfig | null = null;
  private latenessMs = 0;
  private lateTag: string | null = null;

  /** @internal */
  constructor(
    private readonly env: StreamExecutionEnvironment,
    private readonly input: Transformation,
    private readonly assigner: WindowAssigner,
    /** keyBy transformation id; null for windowAll. */
    private readonly keySelectorId: number | null,
    private readonly makeStream: StreamFactory,
  ) {
    if (!(assigner instanceof WindowAssigner))
      throw new InvalidArgumentError('window(assigner): expected a window assigner such as TumblingEventTimeWindows.of(ms), SlidingEventTimeWindows.of(size, slide), EventTimeSessionWindows.withGap(ms) or GlobalWindows.create()');
    this.triggerConfig = assigner.defaultTrigger();
  }

  /** Replaces the assigner's default trigger (e.g. CountTrigger.of(n) on GlobalWindows). */
  trigger(trigger: Trigger): this {
    if (!(trigger instanceof Trigger)) throw new InvalidArgumentError('trigger(t): expected a Trigger (CountTrigger.of(n), PurgingTrigger.of(t), EventTimeTrigger.create(), ...)');
    if (this.assigner.isMerging && hasCount(trigger.config)) throw new InvalidArgumentError('A count trigger cannot be used with session windows here: use the default trigger');
    this.triggerConfig = trigger.config;
    return this;
  }

  /** Evicts elements before the window function runs (keeps every element in state). */
  evictor(evictor: CountEvictor): this {
    if (!(evictor instanceof CountEvictor)) throw new InvalidArgumentError('evictor(e): expected CountEvictor.of(n)');
    this.evictorConfig = evictor.config;
    return this;
  }

  /**
   * Keeps event-time windows for `ms` after they fired: an element up to that late is added
   * and the window fires again with it. Later elements are late data (see sideOutputLateData).
   */
  allowedLateness(ms: number): this {
    if (!(Number.isSafeInteger(ms) && ms >= 0)) throw new InvalidArgumentError(`allowedLateness(ms): expected an integer >= 0, got ${ms}`);
    this.latenessMs = ms;
    return this;
  }

  /** Late elements (beyond allowed lateness) go to this side output instead of being dropped. */
  sideOutputLateData(tag: OutputTag<T>): this {
    this.lateTag = checkOutputTag(tag, 'sideOutputLateData(tag)').id;
    return this;
  }

  /** Folds each window's elements with `fn`; with `process`, that function gets the single result and the window. */
  reduce(fn: ReduceFunction<T>): DataStream<T>;
  reduce<R>(fn: ReduceFunction<T>, process: WindowFunctionOf<T, R, KeyArg>): DataStream<R>;
  reduce<R>(fn: ReduceFunction<T>, process?: WindowFunctionOf<T, R, KeyArg>): DataStream<T | R> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('reduce(fn): fn must be a function (a, b) => value');
    return this.build('reduce', 'Window Reduce', null, { reduce: fn as ReduceFunction<unknown>, process: checkProcess(process, true) as WindowFunctions['process'] });
  }

  /** Incremental aggregation: one accumulator per window; with `process`, that function gets the result and the window. */
  aggregate<ACC, OUT>(fn: AggregateFunction<T, ACC, OUT>): DataStream<OUT>;
  aggregate<ACC, OUT, R>(fn: AggregateFunction<T, ACC, OUT>, process: WindowFunctionOf<OUT, R, KeyArg>): DataStream<R>;
  aggregate<ACC, OUT, R>(fn: AggregateFunction<T, ACC, OUT>, process?: WindowFunctionOf<OUT, R, KeyArg>): DataStream<OUT | R> {
    checkAggregateFunction(fn, 'aggregate(fn)');
    if (this.assigner.isMerging && typeof fn.merge !== 'function') throw new InvalidArgumentError('aggregate(fn) on session windows needs fn.merge(a, b): merging windows merge their accumulators');
    return this.build('aggregate', 'Window Aggregate', null, { aggregate: fn as AggregateFunction<unknown, unknown, unknown>, process: checkProcess(process, true) as WindowFunctions['process'] });
  }

  /** All elements of each window at once: `(key, ctx, elements, out) => ...` (windowAll: `(ctx, elements, out)`). */
  process<R>(fn: WindowFunctionOf<T, R, KeyArg>): DataStream<R> {
    return this.build('process', 'Window Process', null, { process: checkProcess(fn, false) as WindowFunctions['process'] });
  }

  /** Sum of a numeric field per window; the other fields are those of the window's first element. */
  sum(field: FieldRef): DataStream<T> {
    return this.build('sum', `Window Sum(${field})`, checkField(field, 'sum'), {});
  }

  min(field: FieldRef): DataStream<T> {
    return this.build('min', `Window Min(${field})`, checkField(field, 'min'), {});
  }

  max(field: FieldRef): DataStream<T> {
    return this.build('max', `Window Max(${field})`, checkField(field, 'max'), {});
  }

  private build<R>(fn: WindowFunctionKind, name: string, field: FieldRef | null, functions: WindowFunctions): DataStream<R> {
    const all = this.keySelectorId === null;
    const config: WindowOperatorConfig = {
      assigner: this.assigner.config,
      trigger: this.triggerConfig,
      evictor: this.evictorConfig,
      allowedLatenessMs: this.latenessMs,
      lateDataTag: this.lateTag,
      function: fn,
      field,
      withProcess: fn !== 'process' && functions.process !== undefined,
      all,
      keySelectorIds: [this.keySelectorId],
    };
    const t = this.env.addTransformation({
      kind: 'window',
      name: all ? name.replace('Window', 'All Window') : name,
      inputs: [this.input],
      config: config as unknown as Record<string, unknown>,
      fn: functions,
      ...(all ? { nonParallel: true, parallelism: 1 } : {}),
    });
    return this.makeStream<R>(t);
  }
}

/** The window function type of a keyed (KeyArg = K) or all (KeyArg = never) windowed stream. */
export type WindowFunctionOf<IN, OUT, KeyArg> = [KeyArg] extends [never] ? ProcessAllWindowFunction<IN, OUT> : ProcessWindowFunction<IN, OUT, KeyArg>;

function checkProcess<F>(fn: F | undefined, optional: boolean): F | undefined {
  if (fn === undefined && optional) return undefined;
  const ok = typeof fn === 'function' || (typeof fn === 'object' && fn !== null && typeof (fn as { process?: unknown }).process === 'function');
  if (!ok) throw new InvalidArgumentError('window function: expected (key, ctx, elements, out) => ... or an object with process(key, ctx, elements, out)');
  return fn;
}

function checkField(field: FieldRef, op: string): FieldRef {
  if (typeof field === 'number' ? !Number.isInteger(field) || field < 0 : typeof field !== 'string' || field.length === 0)
    throw new InvalidArgumentError(`${op}(field): expected a tuple index (>= 0) or a field name`);
  return field;
}

function hasCount(c: TriggerConfig): boolean {
  return c.type === 'count' || (c.type === 'purging' && hasCount(c.nested));
}
