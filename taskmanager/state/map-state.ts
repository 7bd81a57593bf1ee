import type { MapState } from '../../api/state';
import type { KeyedStateBackend, ExpiringState } from './keyed-state-backend';
import { stateKeyOf as stateKeyOfExport, keyOfStateKey } from './keyed-state-backend';
import type { StateCodec, StateTable } from './state-table';
import { type TtlPolicy, sweepExpired, ttlTableName } from './state-ttl';
import { CompactMap } from './compact-map';

// A module-local copy: the CommonJS build reads imported bindings through getters.
const stateKeyOf = stateKeyOfExport;

/** Maps are not plain data: they are snapshotted as entry arrays (the bytes a Map's entries had). */
export const MAP_CODEC: StateCodec<CompactMap<unknown, unknown>> = {
  save: (m) => Array.from(m),
  load: (plain) => CompactMap.of(plain as Array<[unknown, unknown]>),
  savesMapEntries: true,
};

/**
 * MapState: a CompactMap per key (a Map once it holds more than one entry). User keys that are composites are compared by value (their
 * canonical JSON), like state keys. With TTL, each entry expires on its own (as in Flink).
 */
export class HeapMapState<UK, UV> implements MapState<UK, UV>, ExpiringState {
  private readonly table: StateTable<CompactMap<unknown, UV>>;
  private readonly stamps: StateTable<CompactMap<unknown, number>> | undefined;

  constructor(
    backend: KeyedStateBackend,
    name: string,
    private readonly ttl: TtlPolicy | undefined,
  ) {
    this.table = backend.table(name, MAP_CODEC as StateCodec<CompactMap<unknown, UV>>);
    if (ttl) {
      this.stamps = backend.table(ttlTableName(name), MAP_CODEC as StateCodec<CompactMap<unknown, number>>);
      backend.registerExpiring(this);
    }
  }

  get(key: UK): UV | undefined {
    const map = this.table.get();
    if (map === undefined) return undefined;
    const mk = stateKeyOf(key);
    const v = map.get(mk);
    if (v === undefined || this.ttl === undefined) return v;
    return this.checked(map, mk, v);
  }

  put(key: UK, value: UV): void {
    let map = this.table.get();
    if (map === undefined) this.table.put((map = new CompactMap()));
    const mk = stateKeyOf(key);
    map.set(mk, value);
    if (this.ttl !== undefined) {
      let stamps = this.stamps!.get();
      if (stamps === undefined) this.stamps!.put((stamps = new CompactMap()));
      stamps.set(mk, this.ttl.now());
    }
  }

  putAll(entries: Iterable<[UK, UV]> | Record<string, UV>): void {
    if (typeof (entries as Iterable<unknown>)[Symbol.iterator] === 'function') {
      for (const [k, v] of entries as Iterable<[UK, UV]>) this.put(k, v);
    } else {
      for (const [k, v] of Object.entries(entries)) this.put(k as UK, v);
    }
  }

  remove(key: UK): void {
    const map = this.table.get();
    if (map === undefined) return;
    const mk = stateKeyOf(key);
    map.delete(mk);
    this.stamps?.get()?.delete(mk);
    if (map.size === 0) this.clear();
  }

  contains(key: UK): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): IterableIterator<[UK, UV]> {
    const map = this.table.get();
    if (map === undefined) return;
    for (const [mk, v] of [...map]) {
      const value = this.ttl === undefined ? v : this.checked(map, mk, v);
      if (value !== undefined) yield [keyOfStateKey(mk) as UK, value];
    }
  }

  *keys(): IterableIterator<UK> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): IterableIterator<UV> {
    for (const [, v] of this.entries()) yield v;
  }

  isEmpty(): boolean {
    return this.entries().next().done === true;
  }

  clear(): void {
    this.table.remove();
    this.stamps?.remove();
  }

  removeExpired(now: number): number {
    const ttl = this.ttl!;
    return sweepExpired(this.table, this.stamps!, (map) => map.size, (map, stamps) => {
      for (const [mk, stamp] of stamps) {
        if (!ttl.expired(stamp, now)) continue;
        stamps.delete(mk);
        map.delete(mk);
      }
      return map.size;
    });
  }

  /** TTL check of one entry of the current key's map. */
  private checked(map: CompactMap<unknown, UV>, mk: unknown, v: UV): UV | undefined {
    const ttl = this.ttl!;
    const now = ttl.now();
    const stamps = this.stamps!.get()!;
    const stamp = stamps.get(mk);
    if (stamp === undefined || ttl.expired(stamp, now)) {
      map.delete(mk);
      stamps.delete(mk);
      if (map.size === 0) this.clear();
      return ttl.returnExpired ? v : undefined;
    }
    if (ttl.updateOnRead) stamps.set(mk, now);
    return v;
  }
}
