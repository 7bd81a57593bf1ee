import type { KeyedStateBackend } from './keyed-state-backend';
import type { StateCodec, StateTable } from './state-table';

/**
 * State per (key, namespace), e.g. window contents per key and window. The backend table maps
 * each key to a Map from namespace (a number: a window's start, a timestamp) to the value,
 * so an access is two Map lookups and a key's namespaces can be walked (sessions, joins).
 * Snapshots store the inner Map as [namespace, value] entries.
 */
export class NamespacedStateTable<V> {
  readonly table: StateTable<Map<number, V>>;

  constructor(backend: KeyedStateBackend, name: string, valueCodec?: StateCodec<V>) {
    const codec: StateCodec<Map<number, V>> = valueCodec
      ? {
          save: (m) => Array.from(m, ([ns, v]) => [ns, valueCodec.save(v)]),
          load: (plain) => new Map((plain as Array<[number, unknown]>).map(([ns, v]) => [ns, valueCodec.load(v)])),
        }
      : { save: (m) => Array.from(m), load: (plain) => new Map(plain as Array<[number, V]>), savesMapEntries: true };
    this.table = backend.table(name, codec);
  }

  get(ns: number): V | undefined {
    return this.table.get()?.get(ns);
  }

  put(ns: number, value: V): void {
    let byNs = this.table.get();
    if (byNs === undefined) this.table.put((byNs = new Map()));
    byNs.set(ns, value);
  }

  remove(ns: number): void {
    const byNs = this.table.get();
    if (byNs === undefined) return;
    byNs.delete(ns);
    // An empty inner map would keep the key alive for ever: release it.
    if (byNs.size === 0) this.table.remove();
  }

  /** The current key's namespaces and values (undefined when it has none). */
  all(): Map<number, V> | undefined {
    return this.table.get();
  }

  /** Entries over all keys and namespaces (tests, metrics). */
  get size(): number {
    let n = 0;
    for (const g of this.table.groups) for (const byNs of g.values()) n += byNs.size;
    return n;
  }
}
