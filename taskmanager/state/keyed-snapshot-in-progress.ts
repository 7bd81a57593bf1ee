import type { MsgpackWriter } from '../../common/checkpoint/msgpack-writer';
import type { KeyedTable } from './state-table';

/** Longest slice of background encoding between two turns of the slot's tasks (ms). */
export const SNAPSHOT_SLICE_MS = 4;

export interface SnapshotSource {
  /** The tables as they were when the snapshot began (tables registered later hold nothing of it). */
  tables: ReadonlyArray<readonly [string, KeyedTable]>;
  /** Restored state not yet taken into a table when the snapshot began, by name, per key group. */
  restored: ReadonlyArray<readonly [string, ReadonlyMap<number, Array<[unknown, unknown]>>]>;
  kinds: Record<string, string>;
  rangeStart: number;
  groupCount: number;
}

/**
 * A keyed snapshot being written while processing goes on: copy-on-write by key group, as
 * Flink's heap backend copies on write by entry. When it begins, every key group with state is
 * marked; the marked groups are encoded in slices between the task's turns, and a group that
 * processing is about to touch is encoded first (KeyedStateBackend.settleGroup, called from
 * every table access while a snapshot is in progress), so each group is written as it was at
 * the barrier. The synchronous part of a checkpoint is then only the marking.
 *
 * Groups are written in whatever order they are settled: the snapshot's `keyGroups` is a list
 * of [keyGroup, states] whose order a restore does not depend on.
 */
export class KeyedSnapshotInProgress {
  private readonly unwritten: Uint8Array;
  private remaining = 0;
  private cursor = 0;
  private done = false;
  private prepared = false;
  private resolveDone!: () => void;
  private rejectDone!: (err: unknown) => void;
  /** Resolves when every group is written (the writer then holds the whole snapshot). */
  readonly written: Promise<void>;

  /**
   * Writes into `writer` (from where it stands: the snapshot may follow other data).
   * `ended` is called as soon as the snapshot is written (true) or has failed (false), before
   * anything else can begin another.
   */
  constructor(
    private readonly source: SnapshotSource,
    private readonly writer: MsgpackWriter,
    private readonly ended: (ok: boolean) => void = () => undefined,
  ) {
    this.written = new Promise((resolve, reject) => {
      this.resolveDone = resolve;
      this.rejectDone = reject;
    });
    this.unwritten = new Uint8Array(source.groupCount);
    for (let i = 0; i < source.groupCount; i++) {
      if (this.statesIn(i) === 0) continue;
      this.unwritten[i] = 1;
      this.remaining++;
    }
    this.writer.mapHeader(2);
    this.writer.string('keyGroups');
    this.writer.arrayHeader(this.remaining);
    if (this.remaining === 0) this.finish();
  }

  get finished(): boolean {
    return this.done;
  }

  /** Writes group `index` now if it is still unwritten (before processing changes it). */
  settle(index: number): void {
    if (this.unwritten[index] === 1) this.writeGroupOrFail(index);
  }

  /** Writes groups for up to `budgetMs`; true when the snapshot is complete. */
  step(budgetMs: number): boolean {
    const deadline = performance.now() + budgetMs;
    const n = this.source.groupCount;
    while (!this.done && this.cursor < n) {
      if (this.unwritten[this.cursor] === 1) {
        this.writeGroupOrFail(this.cursor);
        if (performance.now() >= deadline) break;
      }
      this.cursor++;
    }
    return this.done;
  }

  /** Writes every group left, now. */
  finishNow(): void {
    while (!this.step(Infinity)) {
      if (this.cursor >= this.source.groupCount) throw new Error(`internal error: a keyed snapshot has ${this.remaining} groups left but none unwritten`);
    }
  }

  private statesIn(i: number): number {
    let n = 0;
    for (const [, t] of this.source.tables) if (t.groupSize(i) > 0) n++;
    for (const [, byGroup] of this.source.restored) if (byGroup.has(this.source.rangeStart + i)) n++;
    return n;
  }

  /** A value that cannot be encoded fails this snapshot (its checkpoint), not the processing that touched it. */
  private writeGroupOrFail(i: number): void {
    try {
      this.writeGroup(i);
    } catch (err) {
      this.done = true;
      this.ended(false);
      this.rejectDone(err);
    }
  }

  private writeGroup(i: number): void {
    if (!this.prepared) {
      // Before the first group is written, nothing has changed since the barrier.
      this.prepared = true;
      for (const [, t] of this.source.tables) t.prepareSnapshotWrite?.();
    }
    this.unwritten[i] = 0;
    const w = this.writer;
    const kg = this.source.rangeStart + i;
    w.arrayHeader(2);
    w.number(kg);
    w.mapHeader(this.statesIn(i));
    for (const [name, t] of this.source.tables) {
      if (t.groupSize(i) === 0) continue;
      w.string(name);
      t.writeGroup(i, w);
    }
    for (const [name, byGroup] of this.source.restored) {
      const entries = byGroup.get(kg);
      if (entries === undefined) continue;
      w.string(name);
      w.value(entries);
    }
    if (--this.remaining === 0) this.finish();
  }

  private finish(): void {
    this.done = true;
    this.writer.string('kinds');
    this.writer.value(this.source.kinds);
    this.ended(true);
    this.resolveDone();
  }
}
