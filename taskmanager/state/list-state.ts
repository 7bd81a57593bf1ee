import type { ListState } from '../../api/state';
import type { KeyedStateBackend, ExpiringState } from './keyed-state-backend';
import type { StateTable } from './state-table';
import { type TtlPolicy, sweepExpired, ttlTableName } from './state-ttl';

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * ListState: the key's elements in one array, appended in place (no copy per add). With TTL,
 * each element expires on its own (as in Flink): a parallel array holds its write times.
 */
export class HeapListState<T> implements ListState<T>, ExpiringState {
  private readonly table: StateTable<T[]>;
  private readonly stamps: StateTable<number[]> | undefined;

  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly ttl: TtlPolicy | undefined,
  ) {
    this.table = backend.table<T[]>(name);
    if (ttl) {
      this.stamps = backend.table<number[]>(ttlTableName(name));
      backend.registerExpiring(this);
    }
  }

  get(): readonly T[] {
    const list = this.table.get();
    if (list === undefined) return EMPTY;
    const ttl = this.ttl;
    if (ttl === undefined) return list;
    const now = ttl.now();
    const stamps = this.stamps!.get()!;
    if (ttl.returnExpired) {
      if (ttl.updateOnRead) stamps.fill(now);
      return list;
    }
    if (purge(list, stamps, ttl, now) === 0) {
      this.clear();
      return EMPTY;
    }
    if (ttl.updateOnRead) stamps.fill(now);
    return list;
  }

  add(value: T): void {
    const list = this.table.get();
    if (list === undefined) this.table.put([value]);
    else list.push(value);
    if (this.ttl !== undefined) {
      const stamps = this.stamps!.get();
      if (stamps === undefined) this.stamps!.put([this.ttl.now()]);
      else stamps.push(this.ttl.now());
    }
  }

  addAll(values: Iterable<T>): void {
    for (const v of values) this.add(v);
  }

  update(values: Iterable<T>): void {
    const list = Array.from(values);
    if (list.length === 0) {
      this.clear();
      return;
    }
    this.table.put(list);
    if (this.ttl !== undefined) this.stamps!.put(new Array<number>(list.length).fill(this.ttl.now()));
  }

  clear(): void {
    this.table.remove();
    this.stamps?.remove();
  }

  removeExpired(now: number): number {
    const ttl = this.ttl!;
    return sweepExpired(this.table, this.stamps!, (list) => list.length, (list, stamps) => purge(list, stamps, ttl, now));
  }
}

/** Removes expired elements in place from both arrays; returns the remaining length. */
function purge<T>(list: T[], stamps: number[], ttl: TtlPolicy, now: number): number {
  let w = 0;
  for (let r = 0; r < list.length; r++) {
    if (ttl.expired(stamps[r], now)) continue;
    list[w] = list[r];
    stamps[w] = stamps[r];
    w++;
  }
  list.length = w;
  stamps.length = w;
  return w;
}
