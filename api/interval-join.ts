import type { DataStream } from './data-stream';
import type { ProcessJoinFunction } from './process-functions';
import { checkOutputTag, type OutputTag } from './output-tag';
import { keyIdOf } from './connected-streams';
import { InvalidArgumentError } from '../common/errors';

/** The plain-data configuration of an interval join (in the job graph). */
export interface IntervalJoinConfig {
  lowerMs: number;
  upperMs: number;
  lowerInclusive: boolean;
  upperInclusive: boolean;
  leftLateTag: string | null;
  rightLateTag: string | null;
  keySelectorIds: Array<number | null>;
}

/**
 * `a.keyBy(k).intervalJoin(b.keyBy(k))`: joins each left element with the right elements of
 * the same key whose timestamps lie in [left + lower, left + upper] (event time).
 */
export class IntervalJoin<L, R, K> {
  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
  ) {}

  between(lowerMs: number, upperMs: number): IntervalJoined<L, R, K> {
    if (!Number.isSafeInteger(lowerMs) || !Number.isSafeInteger(upperMs) || lowerMs > upperMs)
      throw new InvalidArgumentError(`intervalJoin(...).between(lower, upper): expected integers with lower <= upper, got ${lowerMs}, ${upperMs}`);
    return new IntervalJoined<L, R, K>(this.left, this.right, lowerMs, upperMs);
  }
}

export class IntervalJoined<L, R, K> {
  private lowerInclusive = true;
  private upperInclusive = true;
  private leftLate: string | null = null;
  private rightLate: string | null = null;

  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly lowerMs: number,
    private readonly upperMs: number,
  ) {}

  lowerBoundExclusive(): this {
    this.lowerInclusive = false;
    return this;
  }

  upperBoundExclusive(): this {
    this.upperInclusive = false;
    return this;
  }

  /** Left elements older than the watermark when they arrive go here (else they are dropped, as in Flink). */
  sideOutputLeftLateData(tag: OutputTag<L>): this {
    this.leftLate = checkOutputTag(tag, 'sideOutputLeftLateData(tag)').id;
    return this;
  }

  sideOutputRightLateData(tag: OutputTag<R>): this {
    this.rightLate = checkOutputTag(tag, 'sideOutputRightLateData(tag)').id;
    return this;
  }

  process<O>(fn: ProcessJoinFunction<L, R, O>): DataStream<O> {
    const ok = typeof fn === 'function' || (typeof fn === 'object' && fn !== null && typeof (fn as { processElement?: unknown }).processElement === 'function');
    if (!ok) throw new InvalidArgumentError('intervalJoin(...).process(fn): expected (left, right, ctx, out) => ... or an object with processElement(left, right, ctx, out)');
    const config: IntervalJoinConfig = {
      lowerMs: this.lowerMs,
      upperMs: this.upperMs,
      lowerInclusive: this.lowerInclusive,
      upperInclusive: this.upperInclusive,
      leftLateTag: this.leftLate,
      rightLateTag: this.rightLate,
      keySelectorIds: [keyIdOf(this.left.transformation), keyIdOf(this.right.transformation)],
    };
    const t = this.left.env.addTransformation({ kind: 'join.interval', name: 'Interval Join', inputs: [this.left.transformation, this.right.transformation], config: config as unknown as Record<string, unknown>, fn });
    return this.left.derive<O>(t);
  }
}
