import type { TaskDeploymentDescriptor } from '../../proto/messages';
import type { NetworkEnvironment, ChannelMessage } from '../network/channel-types';
import type { Output } from '../operators/operator';
import { InputGate } from './input-gate';
import { decodeTimestampedBatch } from '../../common/record-codec';
import { WatermarkValve } from './watermark-valve';
import { NO_TIMESTAMP } from '../operators/record-timestamp';
import type { LoadedJob } from '../../job/loaded-job';
import { BarrierAligner } from './checkpoint/barrier-aligner';
import type { CheckpointReporter } from './checkpoint/task-checkpointer';
import type { ProtocolTrigger } from './checkpoint/task-checkpoint-protocol';
import { addInputChannels } from './task-io-wiring';
import { StreamTask, MESSAGES_PER_TURN, TURN_BUDGET_MS, type TaskLocation, type TaskStateListener } from './stream-task';

/** Records delivered between two reads of the clock. */
const RECORDS_PER_CLOCK_CHECK = 16;

/** A batch whose delivery ran over the turn budget, resumed at `next`. */
interface PendingDelivery {
  head: Output;
  records: unknown[];
  timestamps: number[] | undefined;
  next: number;
}

/**
 * A subtask fed by input channels: its turn takes messages from the input gate (record
 * batches, watermarks, idleness, barriers, end of partition). Watermarks of the channels are
 * merged by the valve, barriers aligned by the aligner, whose completed alignment is the
 * checkpoint protocol's barrier.
 */
export class InputStreamTask extends StreamTask {
  private readonly gate = new InputGate();
  private valve: WatermarkValve | undefined;
  private aligner: BarrierAligner | undefined;
  private pendingDelivery: PendingDelivery | undefined;

  constructor(descriptor: TaskDeploymentDescriptor, job: LoadedJob, network: NetworkEnvironment, location: TaskLocation, onState: TaskStateListener, reporter: CheckpointReporter) {
    super(descriptor, job, network, location, onState, reporter, false);
  }

  protected get chainStart(): number {
    return 0;
  }

  protected get reportsChainWatermark(): boolean {
    return false;
  }

  protected setUpInput(): void {
    addInputChannels(this.gate, this.descriptor, this.network);
    this.gate.onAvailable(() => this.schedule());
    this.gate.onError((err) => this.fail(err));
    if (this.gate.size === 0) return;
    this.valve = new WatermarkValve(this.gate.size, {
      onWatermark: (watermark) => {
        this.metrics.currentWatermark = watermark;
        this.head.emitWatermark(watermark);
      },
      onIdleChange: (idle) => {
        this.metrics.watermarkIdle = idle;
        this.head.emitWatermarkStatus?.(idle);
      },
    });
    // Always aligned: savepoints need barriers even when periodic checkpointing is off.
    this.aligner = new BarrierAligner(this.gate.size, this.checkpointingMode ?? 'exactly-once', {
      blockChannel: (c) => this.gate.block(c),
      unblockAll: () => {
        this.gate.unblockAll();
        this.schedule();
      },
      alignmentComplete: (checkpointId, timestamp, alignmentMs, location, stop) => this.protocol.onBarrier({ checkpointId, timestamp, location, isSavepoint: stop, alignmentMs, stop }),
      abandoned: (checkpointId, reason) => this.checkpointer.decline(checkpointId, reason),
    });
  }

  protected async openInput(): Promise<void> {}

  protected enqueueTrigger(_request: ProtocolTrigger): void {
    // Never called: a task with inputs takes checkpoints on aligned barriers.
  }

  protected sourceState(): undefined {
    return undefined;
  }

  protected async notifySourceComplete(): Promise<void> {}

  protected async closeInput(): Promise<void> {
    this.gate.close();
  }

  protected processTurn(): void {
    const deadline = performance.now() + TURN_BUDGET_MS;
    for (let i = 0; i < MESSAGES_PER_TURN; i++) {
      if (!this.outputsWritable()) {
        this.backpressuredSince = Date.now();
        return;
      }
      const pending = this.pendingDelivery;
      if (pending) {
        this.pendingDelivery = undefined;
        this.deliver(pending.head, pending.records, pending.timestamps, pending.next, deadline);
      } else {
        const msg = this.gate.poll();
        if (msg === undefined) return; // onAvailable reschedules
        this.handle(msg, deadline);
      }
      if (this.pendingDelivery) break;
      if (!this.protocol.canProcess) return; // stop-with-savepoint: nothing after its barrier
      if (this.gate.isFinished()) {
        void this.endOfInput();
        return;
      }
      if (performance.now() > deadline) break;
    }
    this.schedule();
  }

  private handle(msg: ChannelMessage, deadline: number): void {
    const head = this.gate.lastInputIndex === 0 ? this.head : this.input2;
    switch (msg.kind) {
      case 'records':
        this.deliver(head, msg.records, msg.timestamps, 0, deadline);
        return;
      case 'buffer': {
        const batch = decodeTimestampedBatch(msg.data);
        this.metrics.bytesIn += msg.data.byteLength;
        this.deliver(head, batch.records, batch.timestamps, 0, deadline);
        return;
      }
      case 'event': {
        const event = msg.event;
        if (event.type === 'barrier') this.aligner?.onBarrier(this.gate.lastChannel, event.checkpointId, event.timestamp, event.location ?? '', event.stop ?? false);
        else if (event.type === 'watermark') this.valve?.inputWatermark(this.gate.lastChannel, event.timestamp);
        else if (event.type === 'watermark-status') this.valve?.inputIdle(this.gate.lastChannel, event.idle);
        else if (event.type === 'end-of-partition') {
          this.aligner?.onEndOfPartition(this.gate.lastChannel);
          this.valve?.channelEnded(this.gate.lastChannel);
        }
        return;
      }
    }
  }

  /**
   * Hands a batch to the chain, putting each record's timestamp (if any) in the chain's
   * register. Records are counted one by one, as they are processed: behind a slow operator a
   * batch takes seconds, and counting it whole would make the rate jump. Past the turn's
   * deadline the rest of the batch waits for the next turn (`pendingDelivery`).
   */
  private deliver(head: Output, records: unknown[], timestamps: number[] | undefined, from: number, deadline: number): void {
    const register = this.timestamps;
    const metrics = this.metrics;
    const n = records.length;
    let i = from;
    while (i < n) {
      const start = i;
      const end = Math.min(n, i + RECORDS_PER_CLOCK_CHECK);
      if (timestamps === undefined) {
        register.value = NO_TIMESTAMP;
        for (; i < end; i++) head.collect(records[i]);
      } else {
        for (; i < end; i++) {
          register.value = timestamps[i];
          head.collect(records[i]);
        }
      }
      metrics.recordsIn += end - start;
      if (i < n && performance.now() > deadline) {
        this.pendingDelivery = { head, records, timestamps, next: i };
        return;
      }
    }
  }
}
