import type { SourceReader, SourceReaderContext, SourceSplit } from '../../../api/connector/source';
import type { SourceBinding } from '../../../api/transformation';
import type { EnumeratorToReaderEvent } from '../../../proto/messages';
import type { Output } from '../../operators/operator';
import type { TimestampRegister } from '../../operators/record-timestamp';
import { MAX_WATERMARK } from '../../operators/record-timestamp';
import type { TimestampsConfig } from '../../operators/timestamps-and-watermarks-operator';
import { DEFAULT_AUTO_WATERMARK_INTERVAL_MS } from '../../operators/timestamps-and-watermarks-operator';
import type { Cancellable, ProcessingTimeService } from '../timer-service-processing-time';
import { decodeValue } from '../../../common/record-codec';
import { SluiceError, errorMessage } from '../../../common/errors';
import { SourceReaderOutput } from './source-reader-output';

/** What a reader sends its enumerator (the task adds its reference and the transport). */
export type CoordinatorEvent = { kind: 'registerReader'; location: string } | { kind: 'splitRequest'; hostname: string } | { kind: 'sourceEvent'; event: unknown };

export interface SourceDriverContext {
  readonly subtaskIndex: number;
  readonly parallelism: number;
  readonly attemptNumber: number;
  readonly taskName: string;
  /** The TaskManager's host, the reader's location for its enumerator. */
  readonly location: string;
  sendToCoordinator(event: CoordinatorEvent): void;
  /** The reader may have data again: schedule a turn. */
  wakeUp(): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}

export type DriverStatus = 'more' | 'wait' | 'end';

/** How often pollNext is called per turn between checks for back-pressure. */
const MAX_POLLS_PER_TURN = 16;

/**
 * The task-side half of a Source (Flink's SourceOperator): creates the user's SourceReader,
 * gives it the splits restored from the checkpoint, registers it with its enumerator, applies
 * the enumerator's events in the order the task's mailbox hands them over, and drives
 * pollNext. A reader's checkpointed state is its splits (list state `splits` of the source
 * operator), so on a restore at another parallelism splits are dealt round-robin to readers.
 */
export class SourceReaderDriver {
  private reader!: SourceReader<unknown, SourceSplit>;
  private readonly output: SourceReaderOutput;
  private waiting = false;
  private periodic: Cancellable | undefined;
  private ended = false;
  private failure: unknown;

  constructor(
    private readonly binding: SourceBinding,
    private readonly watermarks: TimestampsConfig | undefined,
    head: Output,
    timestamps: TimestampRegister,
    private readonly clock: ProcessingTimeService,
    private readonly ctx: SourceDriverContext,
  ) {
    this.output = new SourceReaderOutput(head, timestamps, watermarks, binding.watermarkStrategy);
  }

  static readonly pollsPerTurn = MAX_POLLS_PER_TURN;

  async open(restoredSplits: readonly SourceSplit[] | undefined): Promise<void> {
    const ctx = this.ctx;
    const readerContext: SourceReaderContext = {
      subtaskIndex: ctx.subtaskIndex,
      parallelism: ctx.parallelism,
      attemptNumber: ctx.attemptNumber,
      sendSplitRequest: () => ctx.sendToCoordinator({ kind: 'splitRequest', hostname: ctx.location }),
      sendSourceEventToCoordinator: (event) => ctx.sendToCoordinator({ kind: 'sourceEvent', event }),
      log: (level, message) => ctx.log(level, message),
    };
    this.reader = this.binding.source.createReader(readerContext);
    await this.reader.start();
    if (restoredSplits && restoredSplits.length > 0) this.reader.addSplits([...restoredSplits]);
    const interval = this.watermarks?.autoWatermarkIntervalMs ?? DEFAULT_AUTO_WATERMARK_INTERVAL_MS;
    if (this.output.generatesWatermarks && interval > 0) this.periodic = this.clock.scheduleAtFixedRate(interval, () => this.output.emitPeriodicWatermark());
    ctx.sendToCoordinator({ kind: 'registerReader', location: ctx.location });
  }

  /** An enumerator event, taken from the task's mailbox (so never between a trigger and its barrier). */
  handleEvent(event: EnumeratorToReaderEvent): void {
    if (event.addSplits) this.reader.addSplits(decodeValue<SourceSplit[]>(event.addSplits.splits));
    else if (event.noMoreSplits) this.reader.notifyNoMoreSplits();
    else if (event.sourceEvent) this.reader.handleSourceEvents?.(decodeValue(event.sourceEvent));
  }

  /** One pollNext: 'wait' arranges a wakeUp when the reader says it may have data again. */
  poll(): DriverStatus {
    if (this.ended) return 'end';
    if (this.failure !== undefined) throw this.failure;
    const status = this.reader.pollNext(this.output);
    switch (status) {
      case 'MORE_AVAILABLE':
        return 'more';
      case 'END_OF_INPUT':
        this.ended = true;
        this.periodic?.cancel();
        // End of input is the end of event time: every window and timer downstream fires.
        this.output.end(MAX_WATERMARK);
        return 'end';
      case 'NOTHING_AVAILABLE':
        this.awaitAvailable();
        return 'wait';
      default:
        throw new SluiceError('INVALID_ARGUMENT', `${this.ctx.taskName}: the source reader's pollNext returned ${String(status)}; expected 'MORE_AVAILABLE', 'NOTHING_AVAILABLE' or 'END_OF_INPUT'`, { domain: 'user' });
    }
  }

  /** --drain: event time runs to the end before the final savepoint. */
  drainEventTime(): void {
    this.output.end(MAX_WATERMARK);
  }

  snapshotState(checkpointId: number): SourceSplit[] {
    return this.reader.snapshotState(checkpointId);
  }

  async notifyCheckpointComplete(checkpointId: number): Promise<void> {
    await this.reader.notifyCheckpointComplete?.(checkpointId);
  }

  async close(): Promise<void> {
    this.periodic?.cancel();
    await this.reader?.close();
  }

  private awaitAvailable(): void {
    if (this.waiting) return;
    this.waiting = true;
    let available: Promise<void>;
    try {
      available = this.reader.isAvailable();
    } catch (err) {
      this.waiting = false;
      throw err;
    }
    available.then(
      () => {
        this.waiting = false;
        this.ctx.wakeUp();
      },
      (err: unknown) => {
        this.waiting = false;
        this.failure = new SluiceError('TASK_FAILURE', `${this.ctx.taskName}: the source reader failed: ${errorMessage(err)}`, { domain: 'user' });
        this.ctx.wakeUp();
      },
    );
  }
}
