import { AbstractOperator, type OperatorContext, type Output } from './operator';
import { TimestampRegister, NO_TIMESTAMP as NO_TIMESTAMP_EXPORT } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';
import { InternalTimerService, type TimerTarget } from '../runtime/timer-service';
import type { KeyedStateBackend } from '../state/keyed-state-backend';
import { NamespacedStateTable } from '../state/namespaced-state-table';
import type { IntervalJoinConfig } from '../../api/interval-join';
import type { Collector } from '../../api/functions';
import type { OutputTag } from '../../api/output-tag';
import type { ProcessJoinContext, ProcessJoinFunction } from '../../api/process-functions';
import { SluiceError } from '../../common/errors';

// A module-local copy: the CommonJS build reads imported bindings through getters (per record here).
const NO_TIMESTAMP = NO_TIMESTAMP_EXPORT;
const LEFT = 0;
const RIGHT = 1;

type JoinFn = (left: unknown, right: unknown, ctx: ProcessJoinContext, out: Collector<unknown>) => void;

/** The join function's context: one object, its timestamps set per emitted pair. */
class JoinContext implements ProcessJoinContext {
  leftTs = 0;
  rightTs = 0;
  constructor(private readonly op: { readonly output: Output }) {}
  getLeftTimestamp(): number {
    return this.leftTs;
  }
  getRightTimestamp(): number {
    return this.rightTs;
  }
  getTimestamp(): number {
    return this.leftTs > this.rightTs ? this.leftTs : this.rightTs;
  }
  output<X>(tag: OutputTag<X>, value: X): void {
    this.op.output.collectSide?.(tag.id, value);
  }
}
type KeySelector = (v: unknown) => unknown;

/**
 * The interval join (Flink's IntervalJoinOperator): each side's elements are buffered per key
 * and timestamp (keyed state '$join/left' and '$join/right': key → timestamp → elements); an
 * arriving element is joined with the other side's buffered elements whose timestamps are in
 * range, and a cleanup timer drops it once the watermark makes further matches impossible.
 * Elements older than the watermark are late: side output if configured, else dropped.
 * Results carry the larger of the two timestamps.
 */
export class IntervalJoinOperator extends AbstractOperator implements TimerTarget {
  private backend!: KeyedStateBackend;
  private timers!: InternalTimerService;
  private register!: TimestampRegister;
  private keySelectors: KeySelector[] = [];
  private left!: NamespacedStateTable<unknown[]>;
  private right!: NamespacedStateTable<unknown[]>;
  private readonly fn: JoinFn;
  private readonly lower: number;
  private readonly upper: number;
  // the element being joined (fields, so the bucket walk needs no closure per element)
  private ourValue: unknown;
  private ourTs = 0;
  private ourIsLeft = true;
  private rangeLow = 0;
  private rangeHigh = 0;
  private readonly ctx = new JoinContext(this);
  private readonly visitBucket = (elements: unknown[], ts: number): void => this.joinBucket(elements, ts);

  readonly input2: Output = {
    collect: (record: unknown) => this.element(record, false),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  constructor(
    name: string,
    private readonly config: IntervalJoinConfig,
    fn: ProcessJoinFunction<unknown, unknown, unknown>,
  ) {
    super(name);
    this.fn = typeof fn === 'function' ? fn : (fn.processElement.bind(fn) as JoinFn);
    // Exclusive bounds become inclusive ones (timestamps are integers), as in Flink.
    this.lower = config.lowerInclusive ? config.lowerMs : config.lowerMs + 1;
    this.upper = config.upperInclusive ? config.upperMs : config.upperMs - 1;
  }

  override open(ctx: OperatorContext): void {
    this.keySelectors = this.config.keySelectorIds.map((id) => ctx.userFunction(id!) as KeySelector);
    this.backend = ctx.keyedStateBackend();
    this.register = ctx.timestamps ?? new TimestampRegister();
    this.left = new NamespacedStateTable<unknown[]>(this.backend, '$join/left');
    this.right = new NamespacedStateTable<unknown[]>(this.backend, '$join/right');
    this.timers = new InternalTimerService(this.backend, processingTimeServiceOf(ctx), this);
  }

  collect(record: unknown): void {
    this.element(record, true);
  }

  private element(record: unknown, isLeft: boolean): void {
    const ts = this.register.value;
    if (ts === NO_TIMESTAMP)
      throw new SluiceError('INVALID_ARGUMENT', `'${this.name}': interval joins need event timestamps: call assignTimestampsAndWatermarks(strategy) on both inputs`, { domain: 'user' });
    this.backend.setCurrentKey(this.keySelectors[isLeft ? LEFT : RIGHT](record));
    const watermark = this.timers.currentWatermark;
    if (ts < watermark) {
      const tag = isLeft ? this.config.leftLateTag : this.config.rightLateTag;
      if (tag !== null) this.output.collectSide?.(tag, record);
      return;
    }
    const ours = isLeft ? this.left : this.right;
    const list = ours.get(ts);
    if (list === undefined) ours.put(ts, [record]);
    else list.push(record);

    // For a right element the relative bounds are mirrored (Flink: -upper, -lower).
    const low = isLeft ? this.lower : -this.upper;
    const high = isLeft ? this.upper : -this.lower;
    this.ourValue = record;
    this.ourTs = ts;
    this.ourIsLeft = isLeft;
    this.rangeLow = ts + low;
    this.rangeHigh = ts + high;
    const saved = this.register.value;
    try {
      (isLeft ? this.right : this.left).all()?.forEach(this.visitBucket);
    } finally {
      this.register.value = saved;
      this.ourValue = undefined;
    }
    const cleanup = high > 0 ? ts + high : ts;
    this.timers.registerEventTimeTimer(isLeft ? LEFT : RIGHT, cleanup);
  }

  private joinBucket(elements: unknown[], ts: number): void {
    if (ts < this.rangeLow || ts > this.rangeHigh) return;
    for (let i = 0; i < elements.length; i++) {
      if (this.ourIsLeft) this.emit(this.ourValue, elements[i], this.ourTs, ts);
      else this.emit(elements[i], this.ourValue, ts, this.ourTs);
    }
  }

  private emit(left: unknown, right: unknown, leftTs: number, rightTs: number): void {
    this.ctx.leftTs = leftTs;
    this.ctx.rightTs = rightTs;
    this.register.value = leftTs > rightTs ? leftTs : rightTs;
    this.fn(left, right, this.ctx, this.output);
  }

  // ---- time

  override processWatermark(timestamp: number): void {
    this.timers.advanceWatermark(timestamp);
    this.output.emitWatermark(timestamp);
  }

  /** A cleanup timer: the buffered elements of that timestamp can no longer match. */
  onEventTime(time: number, side: number): void {
    if (side === LEFT) this.left.remove(this.upper <= 0 ? time : time - this.upper);
    else this.right.remove(this.lower <= 0 ? time + this.lower : time);
  }

  onProcessingTime(): void {}

  override close(): void {
    this.timers?.close();
  }
}
