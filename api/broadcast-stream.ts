import type { DataStream } from './data-stream';
import type { BroadcastProcessFunction, KeyedBroadcastProcessFunction } from './process-functions';
import type { MapStateDescriptor } from './state-descriptors';
import { keyIdOf } from './connected-streams';
import { InvalidArgumentError } from '../common/errors';

/**
 * A stream sent to every subtask of the operator it is connected to, whose elements update
 * broadcast state named by the descriptors (`rules.broadcast(descriptor)`), e.g. rules that
 * change while the job runs.
 */
export class BroadcastStream<B> {
  /** @internal */
  constructor(
    /** The stream with a broadcast partitioner. */
    readonly stream: DataStream<B>,
    readonly descriptors: ReadonlyArray<MapStateDescriptor<unknown, unknown>>,
  ) {}
}

/** A (keyed or not) stream connected to a broadcast stream. */
export class BroadcastConnectedStream<IN, B, K = never> {
  /** @internal */
  constructor(
    private readonly input: DataStream<IN>,
    private readonly broadcast: BroadcastStream<B>,
  ) {}

  /**
   * processElement for the stream's elements (broadcast state read only), and
   * processBroadcastElement for the broadcast elements (broadcast state writable).
   */
  process<R>(fn: [K] extends [never] ? BroadcastProcessFunction<IN, B, R> : KeyedBroadcastProcessFunction<K, IN, B, R>): DataStream<R> {
    const f = fn as { processElement?: unknown; processBroadcastElement?: unknown } | null;
    if (typeof f !== 'object' || f === null || typeof f.processElement !== 'function' || typeof f.processBroadcastElement !== 'function')
      throw new InvalidArgumentError('connect(broadcastStream).process(fn): expected an object with processElement(value, ctx, out) and processBroadcastElement(value, ctx, out)');
    const keyId = keyIdOf(this.input.transformation);
    const t = this.input.env.addTransformation({
      kind: keyId !== null ? 'co.broadcast.keyed' : 'co.broadcast',
      name: keyId !== null ? 'Keyed Broadcast Process' : 'Broadcast Process',
      inputs: [this.input.transformation, this.broadcast.stream.transformation],
      config: { descriptors: this.broadcast.descriptors.map((d) => d.name), ...(keyId !== null ? { keySelectorIds: [keyId, null] } : {}) },
      fn,
    });
    return this.input.derive<R>(t);
  }
}
