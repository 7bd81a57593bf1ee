import type { ReduceFunction } from './functions';
import type { AggregateFunction } from './state';
import { InvalidArgumentError } from '../common/errors';

/** When a state entry's time-to-live restarts. */
export type TtlUpdateType = 'OnCreateAndWrite' | 'OnReadAndWrite';
/** Whether an expired entry that was not cleaned up yet may still be read. */
export type TtlStateVisibility = 'NeverReturnExpired' | 'ReturnExpiredIfNotCleanedUp';

/** Normalised TTL settings (plain data). */
export interface StateTtlSettings {
  ttlMs: number;
  updateType: TtlUpdateType;
  stateVisibility: TtlStateVisibility;
}

/**
 * Time-to-live of keyed state, in processing time (as Flink's): an entry not written (or,
 * with OnReadAndWrite, not read) for `ttl` ms expires. Expired entries are never returned
 * (by default), are left out of checkpoints, and their memory is released by a background
 * sweep. List elements and map entries expire one by one.
 */
export class StateTtlConfig {
  private constructor(readonly settings: StateTtlSettings) {}

  static newBuilder(ttlMs: number): StateTtlConfigBuilder {
    return new StateTtlConfigBuilder(ttlMs);
  }

  /** @internal */
  static create(settings: StateTtlSettings): StateTtlConfig {
    return new StateTtlConfig(settings);
  }
}

export class StateTtlConfigBuilder {
  private updateType: TtlUpdateType = 'OnCreateAndWrite';
  private visibility: TtlStateVisibility = 'NeverReturnExpired';

  constructor(private readonly ttlMs: number) {
    if (!(Number.isFinite(ttlMs) && ttlMs > 0)) throw new InvalidArgumentError(`StateTtlConfig.newBuilder(ttl): ttl must be a positive number of ms, got ${ttlMs}`);
  }

  /** @default 'OnCreateAndWrite' */
  setUpdateType(type: TtlUpdateType): this {
    if (type !== 'OnCreateAndWrite' && type !== 'OnReadAndWrite') throw new InvalidArgumentError(`setUpdateType: expected 'OnCreateAndWrite' or 'OnReadAndWrite', got ${String(type)}`);
    this.updateType = type;
    return this;
  }

  /** @default 'NeverReturnExpired' */
  setStateVisibility(visibility: TtlStateVisibility): this {
    if (visibility !== 'NeverReturnExpired' && visibility !== 'ReturnExpiredIfNotCleanedUp')
      throw new InvalidArgumentError(`setStateVisibility: expected 'NeverReturnExpired' or 'ReturnExpiredIfNotCleanedUp', got ${String(visibility)}`);
    this.visibility = visibility;
    return this;
  }

  build(): StateTtlConfig {
    return StateTtlConfig.create({ ttlMs: this.ttlMs, updateType: this.updateType, stateVisibility: this.visibility });
  }
}

export type StateKind = 'value' | 'list' | 'map' | 'reducing' | 'aggregating';

/**
 * Names a piece of keyed state (Flink's StateDescriptor). The name identifies the state in
 * checkpoints and savepoints: keep it stable across job versions.
 */
export abstract class StateDescriptor<K extends StateKind = StateKind> {
  ttl: StateTtlSettings | undefined;

  constructor(
    readonly kind: K,
    readonly name: string,
  ) {
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('A state descriptor needs a non-empty name');
    if (name.startsWith('$')) throw new InvalidArgumentError(`State name '${name}': names beginning with '$' are reserved for Sluice's own state`);
  }

  enableTimeToLive(config: StateTtlConfig): this {
    if (!(config instanceof StateTtlConfig)) throw new InvalidArgumentError('enableTimeToLive(config): build the config with StateTtlConfig.newBuilder(ms).build()');
    this.ttl = config.settings;
    return this;
  }
}

export class ValueStateDescriptor<T> extends StateDescriptor<'value'> {
  constructor(
    name: string,
    /** Returned by value() while the key has no value. */
    readonly defaultValue?: T,
  ) {
    super('value', name);
  }
}

export class ListStateDescriptor<T> extends StateDescriptor<'list'> {
  /** Phantom field so that descriptors of different element types stay distinct types. */
  declare readonly __element?: T;
  constructor(name: string) {
    super('list', name);
  }
}

/** Map state; also names broadcast state (stream.broadcast(descriptor)). */
export class MapStateDescriptor<UK, UV> extends StateDescriptor<'map'> {
  declare readonly __entry?: [UK, UV];
  constructor(name: string) {
    super('map', name);
  }
}

export class ReducingStateDescriptor<T> extends StateDescriptor<'reducing'> {
  constructor(
    name: string,
    readonly reduceFunction: ReduceFunction<T>,
  ) {
    super('reducing', name);
    if (typeof reduceFunction !== 'function') throw new InvalidArgumentError(`ReducingStateDescriptor '${name}': reduceFunction must be a function (a, b) => value`);
  }
}

export class AggregatingStateDescriptor<IN, ACC, OUT> extends StateDescriptor<'aggregating'> {
  constructor(
    name: string,
    readonly aggregateFunction: AggregateFunction<IN, ACC, OUT>,
  ) {
    super('aggregating', name);
    checkAggregateFunction(aggregateFunction, `AggregatingStateDescriptor '${name}'`);
  }
}

export function checkAggregateFunction(fn: unknown, where: string): void {
  const f = fn as Partial<AggregateFunction<unknown, unknown, unknown>> | null;
  if (typeof f !== 'object' || f === null || typeof f.createAccumulator !== 'function' || typeof f.add !== 'function' || typeof f.getResult !== 'function')
    throw new InvalidArgumentError(`${where}: expected an AggregateFunction { createAccumulator(), add(value, acc), getResult(acc), merge?(a, b) }`);
}
