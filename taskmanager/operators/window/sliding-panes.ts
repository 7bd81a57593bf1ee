import type { KeyedStateBackend, PairTable } from '../../state/keyed-state-backend';
import type { AggregateFunction } from '../../../api/state';
import type { WindowFunctions, WindowOperatorConfig } from '../../../api/windowed-stream';
import { windowStart as windowStartExport } from '../../../api/windowing/window-assigner';
import { SluiceError } from '../../../common/errors';

// A module-local copy: the CommonJS build reads imported bindings through getters (per element here).
const windowStart = windowStartExport;

/** Where the panes' windows fire: the window operator's timers, watermark and emitter. */
export interface PaneHost {
  readonly currentWatermark: number;
  registerEventTimeTimer(namespace: number, time: number): void;
  deleteEventTimeTimer(namespace: number, time: number): void;
  /** Emits the window [start, end) of the current key with its accumulator. */
  emitWindow(start: number, end: number, accumulator: unknown): void;
}

/** Panes live in their own table: a savepoint's per-window contents are never read as panes. */
export const PANES_TABLE = '$window/panes';
const CONTENTS_TABLE = '$window/contents';

type Aggregate = AggregateFunction<unknown, unknown, unknown> & { merge(a: unknown, b: unknown): unknown };

/**
 * A key's panes are pairs (start, accumulator) by increasing start in a PairTable: a key holds
 * a few (at most size/slide, and most Nexmark auctions one), so a scan is as fast as a Map; one
 * pane with a number for its accumulator (a count, a sum) is packed, with no object per key
 * (one per auction held until its windows fire, which young-generation scavenges copied and
 * promoted by the hundred thousand, and which snapshots reached with a cache miss each).
 * Snapshots keep the [[start, acc], ...] entries that panes held in a Map had (savepoints stay
 * readable).
 */
/**
 * Whether a window operator computes its windows from panes: sliding event-time windows whose
 * size is a multiple of the slide, with the default trigger, no allowed lateness, no evictor,
 * and aggregate(fn) with fn.merge — the shape of Nexmark q5 (`HOP` in Flink SQL, whose
 * planner slices the same way). State restored in the per-window form keeps the general path.
 */
export function usesPanes(config: WindowOperatorConfig, fns: WindowFunctions, backend: KeyedStateBackend): boolean {
  const a = config.assigner;
  const eligible =
    a.type === 'sliding' &&
    a.time === 'event' &&
    a.size % a.slide === 0 &&
    a.size > a.slide &&
    config.trigger.type === 'event-time' &&
    config.allowedLatenessMs === 0 &&
    !config.evictor &&
    config.function === 'aggregate' &&
    typeof fns.aggregate?.merge === 'function';
  if (eligible) return !backend.holdsState(CONTENTS_TABLE);
  if (backend.holdsState(PANES_TABLE))
    throw new SluiceError('INVALID_ARGUMENT', 'The window state was saved as panes of sliding windows with aggregate(fn) and fn.merge; it can only be restored into such a window (same kind of assigner and function)', { domain: 'user' });
  return false;
}

/**
 * Sliding windows of size `size` every `slide`, from panes of `slide` (Flink SQL's slicing):
 * an element updates the one pane that holds its timestamp, not each of the size/slide windows
 * it belongs to, and a window's result merges its panes when it fires. Each key has one timer
 * at a time (its next window to fire), not one per window: firing a window frees its first
 * pane (no later window holds it) and arms the key's next window that holds a pane. Panes are
 * keyed state in PANES_TABLE and the timers are the operator's, so checkpoints carry both.
 */
export class SlidingPanes {
  private readonly table: PairTable;
  private readonly fn: Aggregate;
  private readonly size: number;
  private readonly slide: number;
  private readonly offset: number;

  constructor(
    backend: KeyedStateBackend,
    config: WindowOperatorConfig,
    fns: WindowFunctions,
    private readonly host: PaneHost,
  ) {
    this.table = backend.pairTable(PANES_TABLE, 'pairs');
    this.fn = fns.aggregate as Aggregate;
    this.size = config.assigner.size;
    this.slide = config.assigner.slide;
    this.offset = config.assigner.offset;
  }

  /** Panes held over all keys (tests: expired windows must be released). */
  get paneCount(): number {
    let n = 0;
    this.table.forEachPair(() => n++);
    return n;
  }

  /** Adds an element of the current key at `ts`; false when every window holding it has fired (late). */
  place(element: unknown, ts: number): boolean {
    const { size, slide } = this;
    const pane = windowStart(ts, this.offset, slide);
    const watermark = this.host.currentWatermark;
    if (pane + size - 1 <= watermark) return false;
    const t = this.table;
    if (t.seek()) {
      // Panes are kept by start; a new one usually goes last (time moves on).
      let i = t.pairCount - 1;
      while (i >= 0 && t.a(i) > pane) i--;
      if (i >= 0 && t.a(i) === pane) {
        t.setB(i, this.fn.add(element, t.b(i)));
        return true;
      }
      t.insert(i + 1, pane, this.fn.add(element, this.fn.createAccumulator()));
    } else {
      t.add(pane, this.fn.add(element, this.fn.createAccumulator()));
    }
    // The pane's earliest window still to fire; the key's later windows are armed one by one.
    for (let start = pane - size + slide; start <= pane; start += slide) {
      if (start + size - 1 > watermark) {
        this.host.registerEventTimeTimer(start, start + size - 1);
        break;
      }
    }
    return true;
  }

  /**
   * The timer of the current key's window at `start` fired. The key's later windows that the
   * same watermark has passed fire in this visit too, while its panes are in cache: a watermark
   * that jumps (the end of input, a backlog) passes size/slide windows of every key, and a
   * timer per window made each of them a fresh table lookup of a cold key (q5 at the final
   * watermark: five visits per auction). Each key's windows still fire in order.
   */
  fire(start: number): void {
    const t = this.table;
    if (!t.seek()) return;
    const { size, slide, fn } = this;
    const watermark = this.host.currentWatermark;
    for (;;) {
      const end = start + size;
      let acc: unknown = undefined;
      let at = -1;
      const n = t.pairCount;
      for (let i = 0; i < n; i++) {
        const p = t.a(i);
        if (p >= end) break;
        if (p < start) continue;
        if (p === start) at = i;
        // merge(a, b) may reuse a, never b: panes are merged into a fresh accumulator.
        acc = fn.merge(acc === undefined ? fn.createAccumulator() : acc, t.b(i));
      }
      if (acc !== undefined) {
        this.host.emitWindow(start, end, acc);
        // Downstream code ran: the cursor is taken again rather than trusted.
        if (!t.seek()) return;
      }
      // No later window holds the window's first pane (the key goes with its last).
      if (at >= 0) t.removeAt(at);
      if (t.pairCount === 0) return;
      const next = Math.max(start + slide, t.a(0) - size + slide);
      if (next + size - 1 > watermark) {
        this.host.registerEventTimeTimer(next, next + size - 1);
        return;
      }
      start = next;
      // A pane added later may have armed this window too (place): it has fired now.
      this.host.deleteEventTimeTimer(start, start + size - 1);
    }
  }
}
