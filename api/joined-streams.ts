import type { DataStream } from './data-stream';
import type { FieldRef, KeySelector } from './functions';
import type { JoinFunction } from './process-functions';
import type { WindowOperatorConfig } from './windowed-stream';
import { WindowAssigner } from './windowing/window-assigner';
import { Trigger, type TriggerConfig } from './windowing/triggers';
import { keyIdOf } from './connected-streams';
import { InvalidArgumentError } from '../common/errors';

/**
 * A window join (`a.join(b).where(ka).equalTo(kb).window(assigner).apply(fn)`): every pair
 * of elements with equal keys that fall into the same window, joined by `fn` when the window
 * fires (an inner join, as Flink's).
 */
export class JoinedStreams<L, R> {
  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
  ) {}

  where<K>(key: KeySelector<L, K> | FieldRef): { equalTo(key: KeySelector<R, K> | FieldRef): JoinWhereEqual<L, R> } {
    return { equalTo: (other) => new JoinWhereEqual<L, R>(this.left.keyBy(key), this.right.keyBy(other)) };
  }
}

export class JoinWhereEqual<L, R> {
  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
  ) {}

  window(assigner: WindowAssigner): WindowedJoin<L, R> {
    if (!(assigner instanceof WindowAssigner)) throw new InvalidArgumentError('join(...).window(assigner): expected a window assigner');
    return new WindowedJoin<L, R>(this.left, this.right, assigner);
  }
}

export class WindowedJoin<L, R> {
  private triggerConfig: TriggerConfig;
  private latenessMs = 0;

  /** @internal */
  constructor(
    private readonly left: DataStream<L>,
    private readonly right: DataStream<R>,
    private readonly assigner: WindowAssigner,
  ) {
    this.triggerConfig = assigner.defaultTrigger();
  }

  trigger(trigger: Trigger): this {
    if (!(trigger instanceof Trigger)) throw new InvalidArgumentError('trigger(t): expected a Trigger');
    this.triggerConfig = trigger.config;
    return this;
  }

  allowedLateness(ms: number): this {
    if (!(Number.isSafeInteger(ms) && ms >= 0)) throw new InvalidArgumentError(`allowedLateness(ms): expected an integer >= 0, got ${ms}`);
    this.latenessMs = ms;
    return this;
  }

  /** `fn(left, right)` for every pair in a window; its result is emitted. */
  apply<O>(fn: JoinFunction<L, R, O>): DataStream<O> {
    if (typeof fn !== 'function') throw new InvalidArgumentError('join(...).apply(fn): fn must be a function (left, right) => result');
    const config: WindowOperatorConfig = {
      assigner: this.assigner.config,
      trigger: this.triggerConfig,
      evictor: null,
      allowedLatenessMs: this.latenessMs,
      lateDataTag: null,
      function: 'process',
      field: null,
      withProcess: false,
      all: false,
      keySelectorIds: [keyIdOf(this.left.transformation), keyIdOf(this.right.transformation)],
    };
    const t = this.left.env.addTransformation({
      kind: 'join.window',
      name: 'Window Join',
      inputs: [this.left.transformation, this.right.transformation],
      config: config as unknown as Record<string, unknown>,
      fn,
    });
    return this.left.derive<O>(t);
  }
}
