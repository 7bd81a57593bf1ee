import type { StateTtlSettings } from '../../api/state-descriptors';
import type { StateTable } from './state-table';

/**
 * Time-to-live rules of one TTL'd state (Flink's semantics, processing time): an entry
 * expires `ttlMs` after its last write (or read, with OnReadAndWrite). Timestamps live in a
 * backend table next to the values ('$ttl/<name>'), so they are checkpointed and rescaled
 * with them.
 */
export class TtlPolicy {
  readonly ttlMs: number;
  readonly updateOnRead: boolean;
  readonly returnExpired: boolean;

  constructor(
    settings: StateTtlSettings,
    readonly now: () => number,
  ) {
    this.ttlMs = settings.ttlMs;
    this.updateOnRead = settings.updateType === 'OnReadAndWrite';
    this.returnExpired = settings.stateVisibility === 'ReturnExpiredIfNotCleanedUp';
  }

  expired(lastAccess: number, now: number): boolean {
    return lastAccess + this.ttlMs <= now;
  }
}

/** The table holding a TTL'd state's access timestamps. */
export function ttlTableName(stateName: string): string {
  return `$ttl/${stateName}`;
}

/**
 * How often TTL'd state is swept for expired entries: often enough that memory is released
 * soon after expiry, rarely enough that sweeping (a walk over the state) stays cheap.
 */
export function ttlSweepIntervalMs(ttlMs: number): number {
  return Math.min(60_000, Math.max(50, Math.floor(ttlMs / 2)));
}

/**
 * The sweep every TTL'd state shares: for each key with timestamps, `sizeOf` tells how many
 * entries the key's value holds and `purge` drops the expired ones in place, returning how
 * many remain; a key left empty is removed from both tables. Returns the entries removed.
 */
export function sweepExpired<V, S>(
  values: StateTable<V>,
  stamps: StateTable<S>,
  sizeOf: (value: V) => number,
  purge: (value: V, stamps: S) => number,
): number {
  let removed = 0;
  for (let g = 0; g < stamps.groups.length; g++) {
    if (stamps.groups[g].size === 0) continue;
    const stampsByKey = stamps.groupForUpdate(g);
    const valuesByKey = values.groupForUpdate(g);
    for (const [k, keyStamps] of stampsByKey) {
      const value = valuesByKey.get(k)!;
      const before = sizeOf(value);
      const left = purge(value, keyStamps);
      removed += before - left;
      if (left === 0) {
        stampsByKey.delete(k);
        valuesByKey.delete(k);
      }
    }
  }
  return removed;
}
