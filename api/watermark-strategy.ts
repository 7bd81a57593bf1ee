import { InvalidArgumentError } from '../common/errors';

/** Where a WatermarkGenerator emits. */
export interface WatermarkOutput {
  /** Event time has reached `timestamp`: no later record should be older. */
  emitWatermark(timestamp: number): void;
  /** The stream is idle: its watermarks stop holding back downstream operators. */
  markIdle(): void;
  markActive(): void;
}

/** Generates watermarks from the events it sees (Flink's WatermarkGenerator). */
export interface WatermarkGenerator<T> {
  onEvent(event: T, timestamp: number, output: WatermarkOutput): void;
  /** Called every auto-watermark interval (200 ms by default). */
  onPeriodicEmit(output: WatermarkOutput): void;
}

/**
 * Extracts an event's timestamp in ms. `previousTimestamp` is the timestamp the record already
 * had, or null when it had none.
 */
export type TimestampAssigner<T> = (event: T, previousTimestamp: number | null) => number;

/** The plain-data part of a strategy (it travels in the job graph's operator config). */
export interface WatermarkStrategyConfig {
  kind: 'bounded-out-of-orderness' | 'no-watermarks' | 'custom';
  outOfOrdernessMs: number;
  /** 0: no idleness detection. */
  idlenessMs: number;
}

/**
 * How a stream gets event timestamps and watermarks (Flink's WatermarkStrategy). Immutable:
 * `withTimestampAssigner` and `withIdleness` return a new strategy.
 */
export class WatermarkStrategy<T> {
  private constructor(
    readonly config: WatermarkStrategyConfig,
    readonly timestampAssigner: TimestampAssigner<T> | undefined,
    readonly generatorFactory: (() => WatermarkGenerator<T>) | undefined,
  ) {}

  /**
   * Watermarks trail the largest timestamp seen by `maxOutOfOrdernessMs` (+1 ms, as in Flink):
   * records up to that much out of order are not late.
   */
  static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T> {
    if (!(Number.isFinite(maxOutOfOrdernessMs) && maxOutOfOrdernessMs >= 0))
      throw new InvalidArgumentError(`forBoundedOutOfOrderness(ms): expected ms >= 0, got ${maxOutOfOrdernessMs}`);
    return new WatermarkStrategy<T>({ kind: 'bounded-out-of-orderness', outOfOrdernessMs: maxOutOfOrdernessMs, idlenessMs: 0 }, undefined, undefined);
  }

  /** Timestamps only ever increase: the watermark is the largest timestamp seen minus 1 ms. */
  static forMonotonousTimestamps<T>(): WatermarkStrategy<T> {
    return WatermarkStrategy.forBoundedOutOfOrderness<T>(0);
  }

  /** Timestamps but no watermarks (event time advances only at end of input). */
  static noWatermarks<T>(): WatermarkStrategy<T> {
    return new WatermarkStrategy<T>({ kind: 'no-watermarks', outOfOrdernessMs: 0, idlenessMs: 0 }, undefined, undefined);
  }

  /** Your own generator, created once per parallel instance. */
  static forGenerator<T>(factory: () => WatermarkGenerator<T>): WatermarkStrategy<T> {
    if (typeof factory !== 'function') throw new InvalidArgumentError('forGenerator(factory): factory must be a function returning { onEvent, onPeriodicEmit }');
    return new WatermarkStrategy<T>({ kind: 'custom', outOfOrdernessMs: 0, idlenessMs: 0 }, undefined, factory);
  }

  withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T> {
    if (typeof assigner !== 'function') throw new InvalidArgumentError('withTimestampAssigner(fn): fn must be a function (event, previousTimestamp) => ms');
    return new WatermarkStrategy<T>(this.config, assigner, this.generatorFactory);
  }

  /**
   * A subtask that sees no records for `idleTimeoutMs` (processing time) is marked idle, so
   * it stops holding back the watermark of downstream operators until records arrive again.
   */
  withIdleness(idleTimeoutMs: number): WatermarkStrategy<T> {
    if (!(Number.isFinite(idleTimeoutMs) && idleTimeoutMs > 0)) throw new InvalidArgumentError(`withIdleness(ms): expected ms > 0, got ${idleTimeoutMs}`);
    return new WatermarkStrategy<T>({ ...this.config, idlenessMs: idleTimeoutMs }, this.timestampAssigner, this.generatorFactory);
  }
}
