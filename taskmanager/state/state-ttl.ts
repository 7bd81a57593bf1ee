import type { StateTtlSettings } from '../../api/state-descriptors';

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
