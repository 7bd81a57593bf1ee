import type { DataStream } from './data-stream';
import type { Collector, FieldRef, KeySelector } from './functions';
import type { CoProcessFunction, KeyedCoProcessFunction } from './process-functions';
import type { Transformation } from './transformation';
import { InvalidArgumentError } from '../common/errors';

/** The keyBy transformation id of a keyed stream's transformation, else null. */
export function keyIdOf(t: Transformation): number | null {
  return t.kind === 'partition' && t.partitioner === 'hash' ? t.id : null;
}

/**
 * Two streams processed together by one two-input operator (`a.connect(b)`). Key both sides
 * with keyBy(ka, kb) to share keyed state and timers between them.
 */
export class ConnectedStreams<A, B, K = never> {
  /** @internal */
  constructor(
    readonly first: DataStream<A>,
    readonly second: DataStream<B>,
  ) {}

  /** Partitions both inputs by key: elements of both sides with equal keys meet in one subtask. */
  keyBy<K2>(keyA: KeySelector<A, K2> | FieldRef, keyB: KeySelector<B, K2> | FieldRef): ConnectedStreams<A, B, K2> {
    return new ConnectedStreams<A, B, K2>(this.first.keyBy(keyA), this.second.keyBy(keyB));
  }

  /** processElement1 / processElement2 (keyed: with state, timers and onTimer). */
  process<R>(fn: [K] extends [never] ? CoProcessFunction<A, B, R> : KeyedCoProcessFunction<K, A, B, R>): DataStream<R> {
    const f = fn as { processElement1?: unknown; processElement2?: unknown } | null;
    if (typeof f !== 'object' || f === null || typeof f.processElement1 !== 'function' || typeof f.processElement2 !== 'function')
      throw new InvalidArgumentError('connect(...).process(fn): expected an object with processElement1(value, ctx, out) and processElement2(value, ctx, out)');
    const ka = keyIdOf(this.first.transformation);
    const kb = keyIdOf(this.second.transformation);
    if ((ka === null) !== (kb === null)) throw new InvalidArgumentError('connect(...): key both inputs (connect(...).keyBy(ka, kb)) or neither');
    const keyed = ka !== null;
    const t = this.first.env.addTransformation({
      kind: keyed ? 'co.process.keyed' : 'co.process',
      name: keyed ? 'Keyed Co-Process' : 'Co-Process',
      inputs: [this.first.transformation, this.second.transformation],
      config: keyed ? { keySelectorIds: [ka, kb] } : {},
      fn,
    });
    return this.first.derive<R>(t);
  }

  /** One function per input, one output each (Flink's CoMapFunction). */
  map<R>(map1: (value: A) => R, map2: (value: B) => R): DataStream<R> {
    if (typeof map1 !== 'function' || typeof map2 !== 'function') throw new InvalidArgumentError('connect(...).map(f1, f2): both must be functions');
    return this.process({
      processElement1: (v: A, _ctx: unknown, out: Collector<R>) => out.collect(map1(v)),
      processElement2: (v: B, _ctx: unknown, out: Collector<R>) => out.collect(map2(v)),
    } as never);
  }

  /** One function per input returning any number of outputs (Flink's CoFlatMapFunction). */
  flatMap<R>(flatMap1: (value: A) => Iterable<R>, flatMap2: (value: B) => Iterable<R>): DataStream<R> {
    if (typeof flatMap1 !== 'function' || typeof flatMap2 !== 'function') throw new InvalidArgumentError('connect(...).flatMap(f1, f2): both must be functions');
    return this.process({
      processElement1: (v: A, _ctx: unknown, out: Collector<R>) => {
        for (const r of flatMap1(v)) out.collect(r);
      },
      processElement2: (v: B, _ctx: unknown, out: Collector<R>) => {
        for (const r of flatMap2(v)) out.collect(r);
      },
    } as never);
  }
}
