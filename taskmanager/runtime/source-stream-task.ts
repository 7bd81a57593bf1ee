import type { EnumeratorToReaderEvent, ReaderToEnumeratorEventInput, TaskDeploymentDescriptor, TaskRef } from '../../proto/messages';
import { sourceWatermarks } from '../../common/operator-config';
import type { NetworkEnvironment } from '../network/channel-types';
import type { Output } from '../operators/operator';
import { freshMethod } from '../operators/fresh-method';
import type { TaskIoMetrics } from './task-metrics';
import { createSourceReader } from '../operators/operator-factory';
import type { TimestampsConfig } from '../operators/timestamps-and-watermarks-operator';
import type { LoadedJob } from '../../job/loaded-job';
import { isSourceApiKind, type SourceBinding } from '../../api/transformation';
import type { SourceSplit } from '../../api/connector/source';
import type { CheckpointReporter } from './checkpoint/task-checkpointer';
import type { ProtocolTrigger } from './checkpoint/task-checkpoint-protocol';
import { SourceReaderDriver, type CoordinatorEvent } from './source/source-reader-driver';
import { LegacySocketInput } from './source/legacy-socket-input';
import type { TaskSourceInput } from './source/task-source-input';
import { encodeValue } from '../../common/record-codec';
import { StreamTask, MESSAGES_PER_TURN, TURN_BUDGET_MS, type TaskLocation, type TaskStateListener } from './stream-task';

/** Sends a source reader's event to its split enumerator in the JobManager. */
export type CoordinatorGateway = (event: ReaderToEnumeratorEventInput & { task: TaskRef }) => void;

/** What a source task handles in order between two polls: enumerator events and checkpoint triggers. */
type MailboxItem = { kind: 'event'; event: EnumeratorToReaderEvent } | { kind: 'trigger'; trigger: ProtocolTrigger };

/**
 * A subtask whose chain starts with a source. Its turn first empties the mailbox in arrival
 * order (enumerator events and checkpoint triggers: a split assigned before a trigger is in
 * that checkpoint's snapshot, one assigned after it is not), then polls the source while
 * the outputs have credit.
 */
export class SourceStreamTask extends StreamTask {
  private input!: TaskSourceInput;
  private mailbox: MailboxItem[] = [];
  private readonly watermarkConfig: TimestampsConfig | undefined;

  constructor(
    descriptor: TaskDeploymentDescriptor,
    job: LoadedJob,
    network: NetworkEnvironment,
    location: TaskLocation,
    onState: TaskStateListener,
    reporter: CheckpointReporter,
    private readonly coordinator: CoordinatorGateway,
  ) {
    super(descriptor, job, network, location, onState, reporter, true);
    this.watermarkConfig = sourceWatermarks(this.vertex.operators[0]);
  }

  protected get chainStart(): number {
    return 1;
  }

  /** A source chain that generates watermarks reports the ones it emits as its vertex's watermark. */
  protected get reportsChainWatermark(): boolean {
    return this.watermarkConfig !== undefined || this.vertex.operators.some((op) => op.kind === 'timestamps');
  }

  protected setUpInput(): void {
    const op = this.vertex.operators[0];
    if (!isSourceApiKind(op.kind)) {
      this.input = new LegacySocketInput(createSourceReader(op, this.job.userFunction(op.id)), new CountingHead(this.metrics, this.head), this.operatorContext(op), () => this.schedule());
      return;
    }
    const d = this.descriptor;
    const task = { jobId: d.jobId, attempt: d.attempt, vertexId: d.vertexId, subtask: d.subtask };
    this.input = new SourceReaderDriver(this.job.userFunction(op.id) as SourceBinding, this.watermarkConfig, new CountingHead(this.metrics, this.head), this.timestamps, this.timeService, {
      subtaskIndex: d.subtask,
      parallelism: d.parallelism,
      attemptNumber: d.attempt,
      taskName: this.name,
      location: this.location.host ?? '',
      sendToCoordinator: (event: CoordinatorEvent) => this.coordinator(toCoordinatorEvent(task, event)),
      wakeUp: () => this.schedule(),
      log: (level, message) => (level === 'error' || level === 'warn' ? console.error : console.log)(`${this.name}: ${message}`),
    });
  }

  protected async openInput(): Promise<void> {
    await this.input.open(this.restored?.list.get(this.vertex.operators[0].uid)?.splits as SourceSplit[] | undefined);
  }

  override handleOperatorEvent(event: EnumeratorToReaderEvent): void {
    if (this.protocol.isPastEndOfData) return;
    this.mailbox.push({ kind: 'event', event });
    this.schedule();
  }

  protected enqueueTrigger(request: ProtocolTrigger): void {
    this.mailbox.push({ kind: 'trigger', trigger: request });
    this.schedule();
  }

  protected sourceState(): TaskSourceInput | undefined {
    return this.input.snapshotState ? this.input : undefined;
  }

  protected async notifySourceComplete(checkpointId: number): Promise<void> {
    await this.input.notifyCheckpointComplete(checkpointId);
  }

  protected async closeInput(): Promise<void> {
    await this.input?.close();
  }

  protected processTurn(): void {
    while (this.mailbox.length > 0) {
      const item = this.mailbox.shift()!;
      if (item.kind === 'event') {
        this.input.handleEvent(item.event);
        continue;
      }
      const trigger = item.trigger;
      // --drain: event time runs to the end first, so every window and timer fires before the savepoint.
      if (trigger.stop && trigger.drain) this.input.drainEventTime();
      this.protocol.onBarrier(trigger);
      if (!this.protocol.canProcess) return; // stop-with-savepoint: nothing after its barrier
    }
    const deadline = performance.now() + TURN_BUDGET_MS;
    for (let i = 0; i < MESSAGES_PER_TURN && performance.now() < deadline; i++) {
      if (!this.outputsWritable()) {
        this.backpressuredSince = Date.now();
        return; // onWritable reschedules
      }
      const status = this.input.poll();
      if (status === 'end') {
        void this.endOfInput();
        return;
      }
      if (status === 'wait') return; // the source's availability or a mailbox item reschedules
    }
    this.schedule();
  }

  /** Past end of data the enumerator's events no longer matter; triggers go to the protocol. */
  protected override afterEndOfInput(): void {
    const triggers = this.mailbox.flatMap((m) => (m.kind === 'trigger' ? [m.trigger] : []));
    this.mailbox = [];
    for (const t of triggers) this.protocol.onTrigger(t);
  }
}

/**
 * What a source emits into (the chain set up before the input): sources count what they emit
 * as records in, so a vertex's in/out are comparable. collect is a per-task copy (freshMethod),
 * so its call into the chain's head stays inlinable whatever other jobs ran in this slot.
 */
class CountingHead implements Output {
  constructor(
    private readonly metrics: TaskIoMetrics,
    private readonly head: Output,
  ) {
    this.collect = freshMethod(CountingHead.prototype.collect, __filename);
  }

  collect(record: unknown): void {
    this.metrics.recordsIn++;
    this.head.collect(record);
  }

  emitWatermark(timestamp: number): void {
    this.head.emitWatermark(timestamp);
  }

  emitWatermarkStatus(idle: boolean): void {
    this.metrics.watermarkIdle = idle;
    this.head.emitWatermarkStatus?.(idle);
  }
}

function toCoordinatorEvent(task: TaskRef, event: CoordinatorEvent): ReaderToEnumeratorEventInput & { task: TaskRef } {
  switch (event.kind) {
    case 'registerReader':
      return { task, registerReader: { location: event.location } };
    case 'splitRequest':
      return { task, splitRequest: { hostname: event.hostname } };
    case 'sourceEvent':
      return { task, sourceEvent: encodeValue(event.event) };
  }
}
