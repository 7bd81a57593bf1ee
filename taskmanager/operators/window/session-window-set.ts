import type { KeyedStateBackend } from '../../state/keyed-state-backend';
import type { StateTable } from '../../state/state-table';

/**
 * The active session windows of each key (Flink's MergingWindowSet), kept in keyed state
 * ('$window/sessions': key → sorted [start0, end0, start1, end1, ...]) so merges survive
 * checkpoints and rescaling. A window's contents and timers are keyed by its start; sessions
 * of one key never intersect, so the start identifies the window.
 */
export class SessionWindowSet {
  private readonly table: StateTable<number[]>;
  /** Result of the last plan(): the merged window. */
  mergedStart = 0;
  mergedEnd = 0;

  constructor(backend: KeyedStateBackend) {
    this.table = backend.table<number[]>('$window/sessions');
  }

  /** The end of the current key's session that starts at `start`, or undefined. */
  endOf(start: number): number | undefined {
    const s = this.table.get();
    if (s === undefined) return undefined;
    for (let i = 0; i < s.length; i += 2) if (s[i] === start) return s[i + 1];
    return undefined;
  }

  /**
   * Plans adding [start, end): the merged window goes to mergedStart/mergedEnd, the sessions it
   * absorbs to `absorbed` as [start, end, ...]. Windows that touch merge (Flink's intersects).
   * One pass suffices: sessions of a key are disjoint, so whatever meets the merged window
   * meets the new one.
   */
  plan(start: number, end: number, absorbed: number[]): number {
    let n = 0;
    let ms = start;
    let me = end;
    const s = this.table.get();
    if (s !== undefined) {
      for (let i = 0; i < s.length; i += 2) {
        if (s[i] <= end && s[i + 1] >= start) {
          absorbed[n++] = s[i];
          absorbed[n++] = s[i + 1];
          if (s[i] < ms) ms = s[i];
          if (s[i + 1] > me) me = s[i + 1];
        }
      }
    }
    this.mergedStart = ms;
    this.mergedEnd = me;
    return n;
  }

  /**
   * Commits the last plan: removes the absorbed sessions and adds the merged one. The common
   * case (an element extends one session) updates it in place without allocating.
   */
  commit(absorbed: readonly number[], absorbedCount: number): void {
    const s = this.table.get();
    if (s === undefined) {
      this.table.put([this.mergedStart, this.mergedEnd]);
      return;
    }
    if (absorbedCount === 2) {
      for (let i = 0; i < s.length; i += 2) {
        if (s[i] !== absorbed[0]) continue;
        s[i] = this.mergedStart;
        s[i + 1] = this.mergedEnd;
        return;
      }
    }
    const next: number[] = [];
    for (let i = 0; i < s.length; i += 2) {
      let gone = false;
      for (let j = 0; j < absorbedCount; j += 2) if (absorbed[j] === s[i]) gone = true;
      if (!gone) next.push(s[i], s[i + 1]);
    }
    let at = 0;
    while (at < next.length && next[at] < this.mergedStart) at += 2;
    next.splice(at, 0, this.mergedStart, this.mergedEnd);
    this.table.put(next);
  }

  remove(start: number): void {
    const s = this.table.get();
    if (s === undefined) return;
    for (let i = 0; i < s.length; i += 2) {
      if (s[i] !== start) continue;
      if (s.length === 2) this.table.remove();
      else s.splice(i, 2);
      return;
    }
  }

  get size(): number {
    let n = 0;
    for (const g of this.table.groups) for (const s of g.values()) n += s.length / 2;
    return n;
  }
}
