import { NO_WATERMARK } from '../../common/event-time';

/** Where the valve sends the combined event time of a task's inputs. */
export interface WatermarkValveOutput {
  /** The minimum over the active input channels advanced. */
  onWatermark(watermark: number): void;
  /** Every input channel became idle (true), or one became active again (false). */
  onIdleChange(idle: boolean): void;
}

/**
 * Merges the watermarks of a task's input channels (Flink's StatusWatermarkValve): the task's
 * event time is the minimum over its channels, and it only moves forward. Channels that are
 * idle (their source declared idleness) or ended (end-of-partition) do not hold it back. A
 * channel that becomes active again counts only once its watermark has caught up with the
 * combined one ("aligned"), so resuming never moves event time backwards. When every channel
 * is idle, the largest watermark among them is emitted and the task reports idle downstream.
 */
export class WatermarkValve {
  private readonly watermarks: number[];
  private readonly idle: boolean[];
  private readonly ended: boolean[];
  private readonly aligned: boolean[];
  private last = NO_WATERMARK;
  private outputIdle = false;

  constructor(
    channelCount: number,
    private readonly output: WatermarkValveOutput,
  ) {
    this.watermarks = new Array<number>(channelCount).fill(NO_WATERMARK);
    this.idle = new Array<boolean>(channelCount).fill(false);
    this.ended = new Array<boolean>(channelCount).fill(false);
    this.aligned = new Array<boolean>(channelCount).fill(true);
  }

  /** The last watermark emitted (NO_WATERMARK before the first). */
  get current(): number {
    return this.last;
  }

  get isIdle(): boolean {
    return this.outputIdle;
  }

  inputWatermark(channel: number, watermark: number): void {
    if (this.ended[channel]) return;
    // A watermark proves the channel active even if its status event was missed.
    if (this.idle[channel]) this.inputIdle(channel, false);
    if (watermark <= this.watermarks[channel]) return;
    this.watermarks[channel] = watermark;
    if (!this.aligned[channel] && watermark >= this.last) this.aligned[channel] = true;
    this.emitMinOfAligned();
  }

  inputIdle(channel: number, idle: boolean): void {
    if (this.ended[channel] || this.idle[channel] === idle) return;
    this.idle[channel] = idle;
    if (idle) {
      this.aligned[channel] = false;
      if (this.allInactive()) {
        this.emitMaxOfIdle();
        this.setOutputIdle(true);
      } else {
        // The idle channel may have been the one holding event time back.
        this.emitMinOfAligned();
      }
    } else {
      this.aligned[channel] = this.watermarks[channel] >= this.last;
      this.setOutputIdle(false);
    }
  }

  /** The channel delivered end-of-partition: it no longer takes part in the minimum. */
  channelEnded(channel: number): void {
    if (this.ended[channel]) return;
    this.ended[channel] = true;
    this.aligned[channel] = false;
    if (this.allInactive()) {
      this.emitMaxOfIdle();
      this.setOutputIdle(true);
    } else {
      this.emitMinOfAligned();
    }
  }

  private emitMinOfAligned(): void {
    let min = Number.POSITIVE_INFINITY;
    let any = false;
    for (let i = 0; i < this.watermarks.length; i++) {
      if (this.ended[i] || this.idle[i] || !this.aligned[i]) continue;
      any = true;
      if (this.watermarks[i] < min) min = this.watermarks[i];
    }
    if (any && min > this.last) {
      this.last = min;
      this.output.onWatermark(min);
    }
  }

  private emitMaxOfIdle(): void {
    let max = NO_WATERMARK;
    for (let i = 0; i < this.watermarks.length; i++) if (!this.ended[i] && this.watermarks[i] > max) max = this.watermarks[i];
    if (max > this.last) {
      this.last = max;
      this.output.onWatermark(max);
    }
  }

  private allInactive(): boolean {
    let idleCount = 0;
    for (let i = 0; i < this.idle.length; i++) {
      if (this.ended[i]) continue;
      if (!this.idle[i]) return false;
      idleCount++;
    }
    return idleCount > 0;
  }

  private setOutputIdle(idle: boolean): void {
    if (this.outputIdle === idle) return;
    this.outputIdle = idle;
    this.output.onIdleChange(idle);
  }
}
