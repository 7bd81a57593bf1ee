import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { PairTable } from '../state/pair-table';
import { TimerHeap } from './timer-service-heap';

/**
 * The timers of one time domain of one operator. The source of truth is a backend table
 * (key → sorted [ts0, ns0, ts1, ns1, ...], a PairTable: one timer per key is the common case,
 * packed), so checkpoints, savepoints and rescaling carry
 * timers like any keyed state. The heap is an index derived from it: built from the table
 * when the queue is created (after a restore), kept in step on register, and checked against
 * the table when a timer surfaces (deleted timers are skipped, not searched for).
 */
export class TimerQueue {
  private readonly table: PairTable;
  private readonly heap = new TimerHeap();
  private seq = 0;
  /** Timers in the table (the heap may hold more: entries of deleted timers). */
  private live = 0;

  constructor(
    private readonly backend: KeyedStateBackend,
    tableName: string,
  ) {
    this.table = backend.pairTable(tableName, 'flat');
    this.rebuildIndex();
  }

  get size(): number {
    return this.live;
  }

  /** Registers a timer for the backend's current key; registering it twice is a no-op. */
  register(timestamp: number, namespace: number): void {
    const t = this.table;
    if (!t.seek()) {
      t.add(timestamp, namespace);
    } else {
      const at = position(t, timestamp, namespace);
      if (at < t.pairCount && t.a(at) === timestamp && t.b(at) === namespace) return;
      t.insert(at, timestamp, namespace);
    }
    this.live++;
    this.heap.push({ timestamp, namespace, key: this.backend.currentKey, seq: this.seq++ });
    if (this.heap.size > 2 * this.live + 1024) this.rebuildIndex();
  }

  /** Deletes a timer of the backend's current key, if registered. */
  delete(timestamp: number, namespace: number): void {
    if (this.removeFromTable(timestamp, namespace)) this.live--;
  }

  /** The earliest timestamp in the index (possibly of a deleted timer), or undefined. */
  peekTimestamp(): number | undefined {
    return this.heap.peek()?.timestamp;
  }

  /**
   * Fires every timer with timestamp <= `limit`, in timestamp order, with the backend's
   * current key set to the timer's key. Timers registered while firing fire too if due.
   */
  fireUntil(limit: number, fire: (timestamp: number, namespace: number) => void): void {
    for (;;) {
      const top = this.heap.peek();
      if (top === undefined || top.timestamp > limit) return;
      this.heap.pop();
      this.backend.setCurrentKey(top.key);
      if (!this.removeFromTable(top.timestamp, top.namespace)) continue; // deleted since
      this.live--;
      fire(top.timestamp, top.namespace);
    }
  }

  private removeFromTable(timestamp: number, namespace: number): boolean {
    const t = this.table;
    if (!t.seek()) return false;
    const at = position(t, timestamp, namespace);
    if (at >= t.pairCount || t.a(at) !== timestamp || t.b(at) !== namespace) return false;
    t.removeAt(at);
    return true;
  }

  /** (Re)builds the index from the table: after a restore, and to drop entries of deleted timers. */
  private rebuildIndex(): void {
    this.heap.clear();
    this.live = 0;
    const entries: Array<{ timestamp: number; namespace: number; key: unknown; seq: number }> = [];
    this.table.forEachPair((stateKey, timestamp, namespace) => entries.push({ timestamp, namespace: namespace as number, key: this.backend.keyOf(stateKey), seq: 0 }));
    // Restored timers have no registration order: order ties deterministically by key group walk.
    for (const e of entries) {
      e.seq = this.seq++;
      this.heap.push(e);
    }
    this.live = entries.length;
  }
}

/** Index of the first of the cursor's pairs >= (ts, ns) (they are sorted). */
function position(timers: PairTable, ts: number, ns: number): number {
  let lo = 0;
  let hi = timers.pairCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = timers.a(mid);
    if (t < ts || (t === ts && (timers.b(mid) as number) < ns)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
