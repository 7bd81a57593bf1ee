import type { KeyedStateBackend, ExpiringState } from './keyed-state-backend';
import type { StateTable } from './state-table';
import { type TtlPolicy, sweepExpired, ttlTableName } from './state-ttl';

const ONE = (): number => 1;

/**
 * One value per key, with optional TTL: the storage under value, reducing and aggregating
 * state. Without TTL a read is one Map lookup; with TTL, one more for the timestamp.
 */
export class ValueCell<V> implements ExpiringState {
  readonly table: StateTable<V>;
  private readonly stamps: StateTable<number> | undefined;

  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly ttl: TtlPolicy | undefined,
  ) {
    this.table = backend.table<V>(name);
    if (ttl) {
      this.stamps = backend.table<number>(ttlTableName(name));
      backend.registerExpiring(this);
    }
  }

  read(): V | undefined {
    const v = this.table.get();
    const ttl = this.ttl;
    if (ttl === undefined || v === undefined) return v;
    const now = ttl.now();
    const stamp = this.stamps!.get();
    if (stamp === undefined || ttl.expired(stamp, now)) {
      this.clear();
      return ttl.returnExpired ? v : undefined;
    }
    if (ttl.updateOnRead) this.stamps!.put(now);
    return v;
  }

  write(value: V): void {
    this.table.put(value);
    if (this.ttl !== undefined) this.stamps!.put(this.ttl.now());
  }

  clear(): void {
    this.table.remove();
    this.stamps?.remove();
  }

  removeExpired(now: number): number {
    const ttl = this.ttl!;
    return sweepExpired(this.table, this.stamps!, ONE, (_, stamp) => (ttl.expired(stamp, now) ? 0 : 1));
  }
}
