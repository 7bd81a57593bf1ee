import type { Output, OperatorContext } from '../../operators/operator';
import { MAX_WATERMARK } from '../../operators/record-timestamp';
import type { SourceReader as LegacyReader } from '../../sources/source-reader';
import type { TaskSourceInput } from './task-source-input';
import type { DriverStatus } from './source-reader-driver';

/** Lines per poll of the socket reader. */
const BATCH = 1024;

/**
 * socketTextStream as a source task's input: the one source that stays outside the Source API.
 * A socket cannot rewind, so it has no splits and no position to checkpoint (at-most-once
 * across failures), and nothing for an enumerator to coordinate.
 */
export class LegacySocketInput implements TaskSourceInput {
  constructor(
    private readonly reader: LegacyReader,
    private readonly head: Output,
    private readonly context: OperatorContext,
    private readonly wakeUp: () => void,
  ) {}

  async open(): Promise<void> {
    await this.reader.open(this.context, this.wakeUp);
  }

  handleEvent(): void {}

  poll(): DriverStatus {
    const result = this.reader.pollNext(this.head, BATCH);
    if (result === 'end') this.head.emitWatermark(MAX_WATERMARK);
    return result === 'more' ? 'more' : result;
  }

  drainEventTime(): void {
    this.head.emitWatermark(MAX_WATERMARK);
  }

  async notifyCheckpointComplete(): Promise<void> {}

  async close(): Promise<void> {
    this.reader.close();
  }
}
