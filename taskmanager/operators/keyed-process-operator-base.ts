import { AbstractOperator, type OperatorContext, type Output } from './operator';
import { TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';
import { KeyedOperatorContext } from './keyed-process-context';
import type { TimeDomain } from '../../api/process-functions';
import type { Collector } from '../../api/functions';
import type { KeyedStateBackend } from '../state/keyed-state-backend';
import { KeyedStateStore } from '../state/keyed-state-store';
import { ttlSweepIntervalMs } from '../state/state-ttl';
import { InternalTimerService, type TimerTarget } from '../runtime/timer-service';
import type { Cancellable, ProcessingTimeService } from '../runtime/timer-service-processing-time';

type KeySelector = (v: unknown) => unknown;

/** The lifecycle methods every keyed process function may have (one or two inputs, broadcast or not). */
export interface KeyedUserFunction {
  open?(ctx: never): void;
  onTimer?(timestamp: number, ctx: never, out: Collector<unknown>): void;
  close?(): void;
}

/**
 * What keyed process operators share (one and two inputs, with or without broadcast state):
 * the key selectors, the state store over the keyed backend, the timer service, the reusable
 * context, watermark handling, timer firing and TTL sweeps. Per element: a key selector call,
 * setCurrentKey, the user's function.
 */
export abstract class KeyedProcessOperatorBase extends AbstractOperator implements TimerTarget {
  protected backend!: KeyedStateBackend;
  protected timers!: InternalTimerService;
  protected ctx!: KeyedOperatorContext<unknown>;
  protected register!: TimestampRegister;
  protected clock!: ProcessingTimeService;
  protected keySelectors: Array<KeySelector | undefined> = [];
  private sweep: Cancellable | undefined;
  private sweepIntervalMs = Number.POSITIVE_INFINITY;

  /** The second input of two-input subclasses (the task hands it records of targetInput 1). */
  readonly input2: Output = {
    collect: (record: unknown) => this.processElement2(record),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  constructor(
    name: string,
    private readonly keySelectorIds: ReadonlyArray<number | null>,
    private readonly userFunction: KeyedUserFunction,
  ) {
    super(name);
  }

  override open(ctx: OperatorContext): void {
    this.keySelectors = this.keySelectorIds.map((id) => (id === null ? undefined : (ctx.userFunction(id) as KeySelector)));
    this.backend = ctx.keyedStateBackend();
    this.clock = processingTimeServiceOf(ctx);
    this.register = ctx.timestamps ?? new TimestampRegister();
    const store = new KeyedStateStore(this.backend, () => this.clock.now());
    store.onTtlState = (ttlMs) => this.scheduleSweep(ttlMs);
    this.timers = new InternalTimerService(this.backend, this.clock, this);
    this.ctx = this.createContext(store);
    this.ctx.subtaskIndex = ctx.subtaskIndex;
    this.ctx.parallelism = ctx.parallelism;
    this.openOperator(ctx);
    this.onTimer = this.userFunction.onTimer?.bind(this.userFunction) as typeof this.onTimer;
    (this.userFunction.open as ((ctx: KeyedOperatorContext<unknown>) => void) | undefined)?.call(this.userFunction, this.ctx);
  }

  /** What a subclass sets up once the keyed context exists and before the user's open runs. */
  protected openOperator(_ctx: OperatorContext): void {}

  protected createContext(store: KeyedStateStore): KeyedOperatorContext<unknown> {
    return new KeyedOperatorContext(this, this.register, this.clock, this.backend, store, this.timers);
  }

  /** Sets the current key from input `input`'s key selector. */
  protected setKeyOf(record: unknown, input: number): void {
    this.backend.setCurrentKey(this.keySelectors[input]!(record));
  }

  collect(record: unknown): void {
    this.processElement1(record);
  }

  protected abstract processElement1(record: unknown): void;

  protected processElement2(_record: unknown): void {
    throw new Error(`${this.name} has one input`);
  }

  /** The user's onTimer bound to its function object (set in open), if any. */
  private onTimer: ((ts: number, ctx: KeyedOperatorContext<unknown>, out: Collector<unknown>) => void) | undefined;

  override processWatermark(timestamp: number): void {
    this.ctx.watermark = timestamp;
    this.timers.advanceWatermark(timestamp);
    this.output.emitWatermark(timestamp);
  }

  onEventTime(timestamp: number): void {
    this.fire(timestamp, 'EVENT_TIME');
  }

  onProcessingTime(timestamp: number): void {
    this.fire(timestamp, 'PROCESSING_TIME');
  }

  /** Records emitted by onTimer carry the timer's timestamp (as in Flink). */
  private fire(timestamp: number, domain: TimeDomain): void {
    const onTimer = this.onTimer;
    if (onTimer === undefined) return;
    const saved = this.register.value;
    this.register.value = timestamp;
    this.ctx.domain = domain;
    try {
      onTimer(timestamp, this.ctx, this.output);
    } finally {
      this.ctx.domain = 'EVENT_TIME';
      this.register.value = saved;
    }
  }

  /** End of input: pending processing-time timers fire too, so nothing pending is lost. */
  override endInput(): void {
    this.timers.fireAllProcessingTimers();
  }

  override close(): void {
    this.timers?.close();
    this.sweep?.cancel();
    this.userFunction.close?.();
  }

  /** Releases expired TTL'd state in the background, at a rate fit for the shortest TTL. */
  private scheduleSweep(ttlMs: number): void {
    const interval = ttlSweepIntervalMs(ttlMs);
    if (interval >= this.sweepIntervalMs) return;
    this.sweep?.cancel();
    this.sweepIntervalMs = interval;
    this.sweep = this.clock.scheduleAtFixedRate(interval, (now) => this.backend.removeExpired(now));
  }
}
