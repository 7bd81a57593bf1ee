import { AbstractOperator, type OperatorContext } from './operator';
import { NO_TIMESTAMP as NO_TIMESTAMP_EXPORT, MAX_WATERMARK, TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';
import type { Cancellable } from '../runtime/timer-service-processing-time';
import type { WatermarkGenerator, WatermarkOutput, WatermarkStrategy, WatermarkStrategyConfig } from '../../api/watermark-strategy';
import { SluiceError } from '../../common/errors';

// A module-local copy: the CommonJS build reads imported bindings through getters (per record here).
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;

/** Flink's auto-watermark interval. */
export const DEFAULT_AUTO_WATERMARK_INTERVAL_MS = 200;

export interface TimestampsConfig extends WatermarkStrategyConfig {
  hasTimestampAssigner: boolean;
  /** Filled in by the graph builder from the environment. */
  autoWatermarkIntervalMs?: number;
}

/**
 * assignTimestampsAndWatermarks(strategy) (Flink's TimestampsAndWatermarksOperator): gives each
 * record its timestamp (through the chain's timestamp register, no wrapper), feeds the
 * watermark generator, and emits its watermarks every auto-watermark interval, only when they
 * advance. Watermarks from upstream are swallowed (this operator is the stream's event-time
 * authority) except the final one at end of input. With idleness, a subtask that sees no
 * records for the timeout declares itself idle until the next record.
 */
export class TimestampsAndWatermarksOperator extends AbstractOperator {
  private register!: TimestampRegister;
  private assigner: ((event: unknown, previous: number | null) => number) | undefined;
  private generator: WatermarkGenerator<unknown> | undefined;
  private periodic: Cancellable | undefined;
  private lastEmitted = -Number.MAX_SAFE_INTEGER;
  private idle = false;
  /** Records since the last periodic check (idleness without reading the clock per record). */
  private recordsSinceCheck = 0;
  private quietSince = 0;
  private ended = false;
  /** What the generator emits through (the operator's own emitWatermark is its chain input). */
  private readonly generatorOutput: WatermarkOutput = {
    emitWatermark: (timestamp) => this.emitGenerated(timestamp),
    markIdle: () => this.markIdle(),
    markActive: () => this.markActive(),
  };

  constructor(
    name: string,
    private readonly config: TimestampsConfig,
    private readonly strategy: WatermarkStrategy<unknown>,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    this.register = ctx.timestamps ?? new TimestampRegister();
    this.assigner = this.strategy.timestampAssigner;
    this.generator = createGenerator(this.config, this.strategy);
    const clock = processingTimeServiceOf(ctx);
    const interval = this.config.autoWatermarkIntervalMs ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS;
    this.quietSince = clock.now();
    if (interval > 0 && (this.generator !== undefined || this.config.idlenessMs > 0)) this.periodic = clock.scheduleAtFixedRate(interval, (now) => this.onPeriodic(now));
  }

  collect(record: unknown): void {
    const register = this.register;
    const previous = register.value;
    let ts = previous;
    if (this.assigner !== undefined) {
      ts = this.assigner(record, previous === NO_TIMESTAMP ? null : previous);
      if (typeof ts !== 'number' || Number.isNaN(ts))
        throw new SluiceError('INVALID_ARGUMENT', `The timestamp assigner returned ${String(ts)} for ${preview(record)}: it must return a number (ms)`, { domain: 'user' });
    } else if (ts === NO_TIMESTAMP) {
      throw new SluiceError('INVALID_ARGUMENT', `Record ${preview(record)} has no timestamp: give the WatermarkStrategy a timestamp assigner (withTimestampAssigner((event) => ms))`, { domain: 'user' });
    }
    this.recordsSinceCheck++;
    if (this.idle) this.markActive();
    register.value = ts;
    this.output.collect(record);
    register.value = previous;
    // After the record, as Flink: a punctuated watermark never makes its own record late.
    this.generator?.onEvent(record, ts, this.generatorOutput);
  }

  /** Upstream watermarks are replaced by this operator's own, except the end of event time. */
  override processWatermark(timestamp: number): void {
    if (timestamp === MAX_WATERMARK && !this.ended) {
      this.ended = true;
      this.periodic?.cancel();
      this.lastEmitted = MAX_WATERMARK;
      this.output.emitWatermark(MAX_WATERMARK);
    }
  }

  /**
   * An idle input (e.g. a source reader without splits) makes this stream idle too, so it does
   * not hold back event time downstream; the next record makes it active again.
   */
  override emitWatermarkStatus(idle: boolean): void {
    if (idle) this.markIdle();
    else this.markActive();
  }

  // ---- what the generator calls

  private emitGenerated(timestamp: number): void {
    if (this.ended || timestamp <= this.lastEmitted) return;
    this.lastEmitted = timestamp;
    if (this.idle) this.markActive();
    this.output.emitWatermark(timestamp);
  }

  private markIdle(): void {
    if (this.idle || this.ended) return;
    this.idle = true;
    this.output.emitWatermarkStatus?.(true);
  }

  private markActive(): void {
    if (!this.idle) return;
    this.idle = false;
    this.output.emitWatermarkStatus?.(false);
  }

  override endInput(): void {
    this.periodic?.cancel();
  }

  override close(): void {
    this.periodic?.cancel();
  }

  private onPeriodic(now: number): void {
    if (this.ended) return;
    if (this.config.idlenessMs > 0) {
      if (this.recordsSinceCheck > 0) {
        this.recordsSinceCheck = 0;
        this.quietSince = now;
      } else if (now - this.quietSince >= this.config.idlenessMs) {
        this.markIdle();
        return;
      }
    }
    if (!this.idle) this.generator?.onPeriodicEmit(this.generatorOutput);
  }
}

/** The generator of a strategy: bounded out-of-orderness (and monotonous), custom, or none. */
function createGenerator(config: WatermarkStrategyConfig, strategy: WatermarkStrategy<unknown>): WatermarkGenerator<unknown> | undefined {
  switch (config.kind) {
    case 'no-watermarks':
      return undefined;
    case 'custom':
      return strategy.generatorFactory!();
    case 'bounded-out-of-orderness':
      return new BoundedOutOfOrdernessGenerator(config.outOfOrdernessMs);
  }
}

/** Flink's BoundedOutOfOrdernessWatermarks: watermark = max timestamp - bound - 1. */
export class BoundedOutOfOrdernessGenerator implements WatermarkGenerator<unknown> {
  private max = NO_TIMESTAMP;
  constructor(private readonly bound: number) {}
  onEvent(_event: unknown, timestamp: number): void {
    if (timestamp > this.max) this.max = timestamp;
  }
  onPeriodicEmit(output: WatermarkOutput): void {
    if (this.max !== NO_TIMESTAMP) output.emitWatermark(this.max - this.bound - 1);
  }
}

function preview(record: unknown): string {
  const s = JSON.stringify(record) ?? String(record);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
