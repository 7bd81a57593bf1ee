import { DataStream } from './data-stream';
import type { Transformation, TransformationKind } from './transformation';
import { InvalidArgumentError } from '../common/errors';
import { DEFAULT_MAX_PARALLELISM } from '../common/key-groups';
import { type CheckpointConfig, type CheckpointingMode, type JobConfig, type RestartStrategyConfig, checkRestartStrategy, defaultJobConfig } from '../common/job-config';
import type { Source, SourceSplit } from './connector/source';
import { WatermarkStrategy } from './watermark-strategy';
import { GeneratorSource } from './sources/generator-source';
import { TextFileSource } from './sources/text-file-source';
import { CollectionSource } from './sources/collection-source';
import type { SourceBinding } from './transformation';

export type { CheckpointConfig, CheckpointingMode, JobConfig, RestartStrategyConfig };

export interface DatagenOptions<T> {
  /** Total number of records; omit for an unbounded source. */
  count?: number;
  /** Total rate over all subtasks; omit for as fast as possible. */
  rowsPerSecond?: number;
  /** Record for index i: must be deterministic. */
  fn: (index: number) => T;
}

export interface CheckpointConfigSetters {
  get(): CheckpointConfig | undefined;
  setCheckpointTimeout(ms: number): CheckpointConfigSetters;
  setMinPauseBetweenCheckpoints(ms: number): CheckpointConfigSetters;
  setMaxConcurrentCheckpoints(n: number): CheckpointConfigSetters;
  setTolerableCheckpointFailureNumber(n: number): CheckpointConfigSetters;
  /** How many completed checkpoints to keep (Flink: state.checkpoints.num-retained). */
  setNumRetainedCheckpoints(n: number): CheckpointConfigSetters;
  /** `file:///dir` or `redis://host:port/db`; the cluster's default otherwise. */
  setCheckpointStorage(uri: string): CheckpointConfigSetters;
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what}: expected a positive integer, got ${n}`);
  return n;
}

function nonNegative(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what}: expected an integer >= 0, got ${n}`);
  return n;
}

/**
 * The environment a job function builds its pipeline on. The same class runs on the client
 * (to produce the JobGraph) and on TaskManagers (to bind user functions to operators).
 */
export class StreamExecutionEnvironment {
  readonly transformations: Transformation[] = [];
  private parallelism: number;
  private maxParallelism = DEFAULT_MAX_PARALLELISM;
  private jobName: string | undefined;
  private autoWatermarkIntervalMs = 200;
  readonly config: JobConfig = defaultJobConfig();

  constructor(defaultParallelism = 1) {
    this.parallelism = defaultParallelism;
  }

  setParallelism(parallelism: number): this {
    if (!Number.isInteger(parallelism) || parallelism < 1) throw new InvalidArgumentError(`setParallelism: expected a positive integer, got ${parallelism}`);
    this.parallelism = parallelism;
    return this;
  }

  getParallelism(): number {
    return this.parallelism;
  }

  setMaxParallelism(maxParallelism: number): this {
    if (!Number.isInteger(maxParallelism) || maxParallelism < 1 || maxParallelism > 32768)
      throw new InvalidArgumentError(`setMaxParallelism: expected an integer in [1, 32768], got ${maxParallelism}`);
    this.maxParallelism = maxParallelism;
    return this;
  }

  getMaxParallelism(): number {
    return this.maxParallelism;
  }

  /**
   * How often sources' watermark generators emit (ms, processing time; 0 disables periodic
   * watermarks). @default 200 (Flink's auto-watermark interval)
   */
  setAutoWatermarkInterval(ms: number): this {
    if (!(Number.isSafeInteger(ms) && ms >= 0)) throw new InvalidArgumentError(`setAutoWatermarkInterval: expected an integer ms >= 0, got ${ms}`);
    this.autoWatermarkIntervalMs = ms;
    return this;
  }

  getAutoWatermarkInterval(): number {
    return this.autoWatermarkIntervalMs;
  }

  /** Flush network buffers at least this often (ms). @default 100 */
  setBufferTimeout(ms: number): this {
    if (!(ms >= 0)) throw new InvalidArgumentError(`setBufferTimeout: expected ms >= 0, got ${ms}`);
    this.config.bufferTimeoutMs = ms;
    return this;
  }

  enableCheckpointing(intervalMs: number, mode: CheckpointingMode = 'exactly-once'): this {
    if (!(intervalMs >= 10)) throw new InvalidArgumentError(`enableCheckpointing: interval must be at least 10 ms, got ${intervalMs}`);
    if (mode !== 'exactly-once' && mode !== 'at-least-once') throw new InvalidArgumentError(`enableCheckpointing: mode must be 'exactly-once' or 'at-least-once'`);
    this.config.checkpoint = { ...(this.config.checkpoint ?? {}), intervalMs, mode };
    return this;
  }

  /**
   * Flink's CheckpointConfig setters; call after enableCheckpointing. Defaults: timeout 10 min,
   * no minimum pause, 1 concurrent checkpoint, 0 tolerable failures, 1 retained checkpoint,
   * the cluster's checkpoint storage.
   */
  getCheckpointConfig(): CheckpointConfigSetters {
    const env = this;
    const update = (patch: Partial<CheckpointConfig>): CheckpointConfigSetters => {
      if (!env.config.checkpoint) throw new InvalidArgumentError('Call env.enableCheckpointing(intervalMs) before configuring checkpoints');
      env.config.checkpoint = { ...env.config.checkpoint, ...patch };
      return setters;
    };
    const setters: CheckpointConfigSetters = {
      get: () => env.config.checkpoint,
      setCheckpointTimeout: (ms) => update({ timeoutMs: positive(ms, 'setCheckpointTimeout') }),
      setMinPauseBetweenCheckpoints: (ms) => update({ minPauseMs: nonNegative(ms, 'setMinPauseBetweenCheckpoints') }),
      setMaxConcurrentCheckpoints: (n) => update({ maxConcurrent: positive(n, 'setMaxConcurrentCheckpoints') }),
      setTolerableCheckpointFailureNumber: (n) => update({ tolerableFailures: nonNegative(n, 'setTolerableCheckpointFailureNumber') }),
      setNumRetainedCheckpoints: (n) => update({ retained: positive(n, 'setNumRetainedCheckpoints') }),
      setCheckpointStorage: (uri) => update({ storage: String(uri) }),
    };
    return setters;
  }

  setRestartStrategy(strategy: RestartStrategyConfig): this {
    this.config.restartStrategy = checkRestartStrategy(strategy, 'setRestartStrategy');
    return this;
  }

  /** Names the job; the pipeline itself is already defined (the job function's return runs it). */
  execute(jobName?: string): void {
    if (jobName) this.jobName = jobName;
  }

  getJobName(): string | undefined {
    return this.jobName;
  }

  // ------------------------------------------------------------------ sources

  fromElements<T>(...elements: T[]): DataStream<T> {
    return this.fromCollection(elements);
  }

  fromCollection<T>(elements: Iterable<T>): DataStream<T> {
    const values = Array.from(elements);
    return this.sourceApi<T>('source.elements', 'Collection Source', { count: values.length }, new CollectionSource(values), undefined, true);
  }

  /** Numbers from..to inclusive, split across subtasks. */
  fromSequence(from: number, to: number): DataStream<number> {
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from)
      throw new InvalidArgumentError(`fromSequence(from, to): expected integers with from <= to, got ${from}, ${to}`);
    const source = new GeneratorSource<number>({ count: to - from + 1, rowsPerSecond: null, fn: (i) => from + i });
    return this.sourceApi<number>('source.sequence', 'Sequence Source', { from, to }, source, undefined, false);
  }

  datagen<T>(options: DatagenOptions<T>): DataStream<T> {
    if (typeof options?.fn !== 'function') throw new InvalidArgumentError('datagen({ fn }): fn must be a function (index) => record');
    if (options.count !== undefined && !(Number.isSafeInteger(options.count) && options.count >= 0))
      throw new InvalidArgumentError(`datagen: count must be a non-negative integer, got ${options.count}`);
    if (options.rowsPerSecond !== undefined && !(options.rowsPerSecond > 0))
      throw new InvalidArgumentError(`datagen: rowsPerSecond must be positive, got ${options.rowsPerSecond}`);
    const source = new GeneratorSource<T>({ count: options.count ?? null, rowsPerSecond: options.rowsPerSecond ?? null, fn: options.fn });
    return this.sourceApi<T>('source.datagen', 'DataGen Source', { count: options.count ?? null, rowsPerSecond: options.rowsPerSecond ?? null }, source, undefined, false);
  }

  /**
   * A stream from a Source (docs/connectors.md): its split enumerator runs in the JobManager,
   * its readers in the source's subtasks. With a watermark strategy the readers give records
   * timestamps and generate watermarks per split (the reader's watermark is the minimum over
   * its active splits); without one, records keep the timestamps the reader gives them.
   */
  fromSource<T, Split extends SourceSplit = SourceSplit, EnumState = unknown>(source: Source<T, Split, EnumState>, watermarkStrategy?: WatermarkStrategy<T>, sourceName?: string): DataStream<T> {
    if (!source || typeof source.createReader !== 'function' || typeof source.createEnumerator !== 'function' || typeof source.restoreEnumerator !== 'function' || typeof source.getBoundedness !== 'function')
      throw new InvalidArgumentError('fromSource(source): expected a Source with getBoundedness(), createEnumerator(), restoreEnumerator() and createReader() (see docs/connectors.md)');
    if (watermarkStrategy !== undefined && !(watermarkStrategy instanceof WatermarkStrategy))
      throw new InvalidArgumentError('fromSource(source, watermarkStrategy): expected a WatermarkStrategy (e.g. WatermarkStrategy.noWatermarks())');
    const boundedness = source.getBoundedness();
    if (boundedness !== 'bounded' && boundedness !== 'unbounded') throw new InvalidArgumentError(`fromSource: getBoundedness() must return 'bounded' or 'unbounded', got ${String(boundedness)}`);
    const name = sourceName ?? 'Source';
    return this.sourceApi<T>('source.connector', name, { boundedness }, source as unknown as Source<unknown, SourceSplit, unknown>, watermarkStrategy, false);
  }

  /** One line per record; ends when the server closes the connection. Not replayable. */
  socketTextStream(host: string, port: number): DataStream<string> {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError(`socketTextStream: port must be 1..65535, got ${port}`);
    return this.source<string>('source.socket', `Socket Stream ${host}:${port}`, { host, port }, undefined, true);
  }

  readTextFile(path: string): DataStream<string> {
    if (typeof path !== 'string' || path.length === 0) throw new InvalidArgumentError('readTextFile(path): path must be a non-empty string');
    return this.sourceApi<string>('source.textFile', `Text File ${path}`, { path }, new TextFileSource(path), undefined, true);
  }

  // ------------------------------------------------------------------ plumbing

  /** @internal */
  addTransformation(t: Omit<Transformation, 'id'>): Transformation {
    const full: Transformation = { ...t, id: this.transformations.length };
    this.transformations.push(full);
    return full;
  }

  private sourceApi<T>(kind: TransformationKind, name: string, config: Record<string, unknown>, source: Source<unknown, SourceSplit, unknown>, strategy: WatermarkStrategy<unknown> | WatermarkStrategy<T> | undefined, nonParallel: boolean): DataStream<T> {
    const binding: SourceBinding = { source, watermarkStrategy: strategy as WatermarkStrategy<unknown> | undefined };
    const watermarks = strategy ? { watermarks: { ...strategy.config, hasTimestampAssigner: strategy.timestampAssigner !== undefined } } : {};
    return this.source<T>(kind, name, { ...config, ...watermarks }, binding, nonParallel);
  }

  private source<T>(kind: TransformationKind, name: string, config: Record<string, unknown>, fn: unknown, nonParallel: boolean): DataStream<T> {
    const t = this.addTransformation({ kind, name, inputs: [], config, fn, nonParallel, parallelism: nonParallel ? 1 : undefined });
    return new DataStream<T>(this, t);
  }
}
