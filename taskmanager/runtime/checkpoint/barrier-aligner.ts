/**
 * Barrier alignment of one task's input channels, as an explicit state machine.
 *
 * IDLE --first barrier of checkpoint n--> ALIGNING(n)
 * ALIGNING(n) --barrier n on the last open channel, or that channel ends--> IDLE (snapshot n)
 * ALIGNING(n) --barrier m > n--> ALIGNING(m) (n is abandoned: a newer one overtook it)
 *
 * In exactly-once mode a channel that delivered the barrier is blocked until alignment
 * completes, so no record after the barrier reaches the snapshot's state; in at-least-once
 * mode nothing blocks and the snapshot happens when the last barrier arrives.
 */
import type { CheckpointingMode } from '../../../common/job-config';

export type { CheckpointingMode };

export interface BarrierHandler {
  blockChannel(channel: number): void;
  unblockAll(): void;
  /** Alignment complete: snapshot now, before any further record is processed. */
  alignmentComplete(checkpointId: number, timestamp: number, alignmentMs: number, location: string, stop: boolean): void;
  /** The checkpoint cannot complete on this task (overtaken by a newer one). */
  abandoned(checkpointId: number, reason: string): void;
}

type AlignerState =
  | { readonly kind: 'IDLE' }
  | { readonly kind: 'ALIGNING'; readonly checkpointId: number; readonly timestamp: number; readonly location: string; readonly stop: boolean; readonly received: Set<number>; readonly startedAt: number };

export class BarrierAligner {
  private state: AlignerState = { kind: 'IDLE' };
  private readonly ended = new Set<number>();
  /** Highest checkpoint id this task has seen (completed or abandoned): older barriers are stale. */
  private latestSeen = -1;

  constructor(
    private readonly numChannels: number,
    private readonly mode: CheckpointingMode,
    private readonly handler: BarrierHandler,
    private readonly now: () => number = Date.now,
  ) {}

  get aligningCheckpoint(): number | undefined {
    return this.state.kind === 'ALIGNING' ? this.state.checkpointId : undefined;
  }

  onBarrier(channel: number, checkpointId: number, timestamp: number, location: string, stop = false): void {
    const s = this.state;
    if (s.kind === 'ALIGNING' && checkpointId === s.checkpointId) {
      s.received.add(channel);
      if (this.mode === 'exactly-once') this.handler.blockChannel(channel);
      this.maybeComplete();
      return;
    }
    if (checkpointId <= this.latestSeen) return; // stale: belongs to a checkpoint already done or abandoned
    if (s.kind === 'ALIGNING') {
      this.handler.unblockAll();
      this.handler.abandoned(s.checkpointId, `barrier of checkpoint ${checkpointId} arrived before checkpoint ${s.checkpointId} was aligned`);
    }
    this.latestSeen = checkpointId;
    this.state = { kind: 'ALIGNING', checkpointId, timestamp, location, stop, received: new Set([channel]), startedAt: this.now() };
    if (this.mode === 'exactly-once') this.handler.blockChannel(channel);
    this.maybeComplete();
  }

  /** A channel ended: it will deliver no more barriers, so alignment no longer waits for it. */
  onEndOfPartition(channel: number): void {
    this.ended.add(channel);
    this.maybeComplete();
  }

  private maybeComplete(): void {
    const s = this.state;
    if (s.kind !== 'ALIGNING') return;
    for (let c = 0; c < this.numChannels; c++) if (!s.received.has(c) && !this.ended.has(c)) return;
    this.state = { kind: 'IDLE' };
    this.handler.alignmentComplete(s.checkpointId, s.timestamp, this.now() - s.startedAt, s.location, s.stop);
    this.handler.unblockAll();
  }
}
