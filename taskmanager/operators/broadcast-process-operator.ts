import { AbstractOperator, type OperatorContext, type OperatorListState, type Output } from './operator';
import { OperatorProcessContext } from './process-context';
import { KeyedOperatorContext } from './keyed-process-context';
import { KeyedProcessOperatorBase } from './keyed-process-operator-base';
import { TimestampRegister } from './record-timestamp';
import { processingTimeServiceOf } from './processing-time-of';
import type { KeyedStateStore } from '../state/keyed-state-store';
import { BroadcastStateStore } from '../state/broadcast-state-store';
import type { BroadcastProcessFunction, BroadcastState, KeyedBroadcastProcessFunction } from '../../api/process-functions';
import type { MapStateDescriptor } from '../../api/state-descriptors';

/** A context that also reads (or writes) broadcast state. */
interface WithBroadcast {
  broadcast: BroadcastStateStore;
  getBroadcastState<K, V>(d: MapStateDescriptor<K, V>): BroadcastState<K, V>;
}

function getBroadcastState(this: WithBroadcast, d: MapStateDescriptor<unknown, unknown>): BroadcastState<unknown, unknown> {
  return this.broadcast.get(d.name);
}

class BroadcastSideContext extends OperatorProcessContext implements WithBroadcast {
  broadcast!: BroadcastStateStore;
  getBroadcastState = getBroadcastState as WithBroadcast['getBroadcastState'];
}

class KeyedBroadcastContext extends KeyedOperatorContext<unknown> implements WithBroadcast {
  broadcast!: BroadcastStateStore;
  getBroadcastState = getBroadcastState as WithBroadcast['getBroadcastState'];
}

/**
 * keyed.connect(rules.broadcast(d)).process(fn): Flink's CoBroadcastWithKeyedOperator. Keyed
 * elements see the broadcast state read-only (by convention: the same object, whose writes
 * would make subtasks diverge); broadcast elements update it on every subtask.
 */
export class KeyedBroadcastProcessOperator extends KeyedProcessOperatorBase {
  private readonly broadcast: BroadcastStateStore;
  private sideCtx!: BroadcastSideContext;

  constructor(
    name: string,
    private readonly fn: KeyedBroadcastProcessFunction<unknown, unknown, unknown, unknown>,
    keySelectorIds: ReadonlyArray<number | null>,
    descriptorNames: readonly string[],
  ) {
    super(name, keySelectorIds, fn);
    this.broadcast = new BroadcastStateStore(descriptorNames);
  }

  protected override createContext(store: KeyedStateStore): KeyedOperatorContext<unknown> {
    const c = new KeyedBroadcastContext(this, this.register, this.clock, this.backend, store, this.timers);
    c.broadcast = this.broadcast;
    return c;
  }

  protected override openOperator(ctx: OperatorContext): void {
    this.broadcast.restore(ctx.restoredOperatorState());
    this.sideCtx = new BroadcastSideContext(this, this.register, this.clock);
    this.sideCtx.broadcast = this.broadcast;
    this.sideCtx.subtaskIndex = ctx.subtaskIndex;
    this.sideCtx.parallelism = ctx.parallelism;
  }

  protected processElement1(record: unknown): void {
    this.setKeyOf(record, 0);
    this.fn.processElement(record, this.ctx as KeyedBroadcastContext, this.output);
  }

  protected override processElement2(record: unknown): void {
    this.sideCtx.watermark = this.timers.currentWatermark;
    this.fn.processBroadcastElement(record, this.sideCtx, this.output);
  }

  snapshotState(): OperatorListState {
    return this.broadcast.snapshot();
  }
}

/** stream.connect(rules.broadcast(d)).process(fn) on a non-keyed stream. */
export class BroadcastProcessOperator extends AbstractOperator {
  private readonly broadcast: BroadcastStateStore;
  private ctx!: BroadcastSideContext;
  readonly input2: Output = {
    collect: (record: unknown) => this.fn.processBroadcastElement(record, this.ctx, this.output),
    emitWatermark: (timestamp: number) => this.processWatermark(timestamp),
  };

  constructor(
    name: string,
    private readonly fn: BroadcastProcessFunction<unknown, unknown, unknown>,
    descriptorNames: readonly string[],
  ) {
    super(name);
    this.broadcast = new BroadcastStateStore(descriptorNames);
  }

  override open(ctx: OperatorContext): void {
    this.broadcast.restore(ctx.restoredOperatorState());
    this.ctx = new BroadcastSideContext(this, ctx.timestamps ?? new TimestampRegister(), processingTimeServiceOf(ctx));
    this.ctx.broadcast = this.broadcast;
    this.ctx.subtaskIndex = ctx.subtaskIndex;
    this.ctx.parallelism = ctx.parallelism;
    this.fn.open?.(this.ctx);
  }

  collect(record: unknown): void {
    this.fn.processElement(record, this.ctx, this.output);
  }

  override processWatermark(timestamp: number): void {
    this.ctx.watermark = timestamp;
    this.output.emitWatermark(timestamp);
  }

  snapshotState(): OperatorListState {
    return this.broadcast.snapshot();
  }

  override close(): void {
    this.fn.close?.();
  }
}
