import type { InputStatus, ReaderOutput, SourceOutput, SourceReader, SourceReaderContext } from '../../api/connector/source';
import type { NexmarkConfig } from './generator-config';
import { NexmarkGenerator } from './nexmark-generator';
import type { NexmarkEvent } from './model';
import type { NexmarkSplit } from './nexmark-split';

/** Events per split per poll: large enough to amortize the poll, small enough for barriers to pass quickly. */
const BATCH_PER_SPLIT = 512;

interface ActiveSplit {
  readonly splitId: string;
  readonly stride: number;
  nextIndex: number;
  output: SourceOutput<NexmarkEvent> | null;
}

/**
 * Reads its splits round-robin, a batch of each per poll, generating every event from its
 * index. Without `pace` it emits as fast as downstream takes (nexmark's max-emit-speed);
 * with it, event i is due `i / rate` seconds after the reader started (positions restored
 * from a checkpoint continue at the same rate).
 */
export class NexmarkSourceReader implements SourceReader<NexmarkEvent, NexmarkSplit> {
  private readonly generator: NexmarkGenerator;
  private readonly splits: ActiveSplit[] = [];
  private noMoreSplits = false;
  private wake: (() => void) | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private paceOrigin: { wallMs: number; index: number } | null = null;

  constructor(
    private readonly config: NexmarkConfig,
    private readonly context?: SourceReaderContext,
  ) {
    this.generator = new NexmarkGenerator(config);
  }

  start(): void {}

  pollNext(output: ReaderOutput<NexmarkEvent>): InputStatus {
    const limit = this.config.events ?? Infinity;
    const dueBefore = this.config.pace ? this.dueIndex() : Infinity;
    let emitted = 0;
    for (let s = 0; s < this.splits.length; s++) {
      const split = this.splits[s]!;
      const out = (split.output ??= output.createOutputForSplit(split.splitId));
      const generator = this.generator;
      let index = split.nextIndex;
      const stride = split.stride;
      const end = Math.min(limit, dueBefore, index + BATCH_PER_SPLIT * stride);
      for (; index < end; index += stride) {
        const event = generator.event(index);
        out.collect(event, event.dateTime);
      }
      emitted += (index - split.nextIndex) / stride;
      split.nextIndex = index;
      if (index >= limit) {
        output.releaseOutputForSplit(split.splitId);
        this.splits.splice(s--, 1);
      }
    }
    if (this.splits.length === 0) {
      if (this.noMoreSplits) return 'END_OF_INPUT';
      // Not idle: the splits are on their way (each reader gets its own at registration). An
      // idle reader would let the others' watermarks run ahead and make its events late.
      return 'NOTHING_AVAILABLE';
    }
    return emitted > 0 || !this.config.pace ? 'MORE_AVAILABLE' : 'NOTHING_AVAILABLE';
  }

  isAvailable(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      if (this.splits.length > 0 && this.config.pace) {
        const next = Math.min(...this.splits.map((s) => s.nextIndex));
        const origin = this.paceOrigin!;
        const waitMs = Math.max(1, origin.wallMs + ((next - origin.index) * 1000) / this.config.rate - Date.now());
        this.wakeTimer = setTimeout(() => this.signal(), waitMs);
      }
    });
  }

  addSplits(splits: NexmarkSplit[]): void {
    for (const split of splits) this.splits.push({ splitId: split.splitId, stride: split.stride, nextIndex: split.nextIndex, output: null });
    this.signal();
  }

  notifyNoMoreSplits(): void {
    this.noMoreSplits = true;
    this.signal();
  }

  snapshotState(): NexmarkSplit[] {
    return this.splits.map((s) => ({ splitId: s.splitId, nextIndex: s.nextIndex, stride: s.stride }));
  }

  close(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wake = null;
    this.context?.log('debug', `nexmark reader closed with ${this.splits.length} open splits`);
  }

  /** With pace: the first event index not yet due, over the whole stream. */
  private dueIndex(): number {
    const now = Date.now();
    if (!this.paceOrigin) this.paceOrigin = { wallMs: now, index: Math.min(...this.splits.map((s) => s.nextIndex)) };
    return this.paceOrigin.index + Math.floor(((now - this.paceOrigin.wallMs) * this.config.rate) / 1000) + 1;
  }

  private signal(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
