import type { TaskDeploymentDescriptor, JobVertex, OperatorDescriptor } from '../../proto/messages';
import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { NetworkEnvironment, ChannelMessage, ChannelEvent } from '../network/channel-types';
import { DISCARDING_OUTPUT, type Output, type OperatorContext, type StreamOperator } from '../operators/operator';
import { createOperator, createSourceReader } from '../operators/operator-factory';
import type { SourceReader, PollResult } from '../sources/source-reader';
import { RecordWriter } from './record-writer';
import { InputGate } from './input-gate';
import { newTaskStateMachine, type RuntimeTaskState } from './task-state-machine';
import { newTaskIoMetrics, TaskActivity, type TaskIoMetrics } from './task-metrics';
import { decodeTimestampedBatch } from '../../common/record-codec';
import { WatermarkValve } from './watermark-valve';
import { SystemProcessingTimeService } from './timer-service-processing-time';
import { TimestampRegister, NO_TIMESTAMP, MAX_WATERMARK } from '../operators/record-timestamp';
import { createChainTail } from '../operators/chain-tail-output';
import { errorMessage } from '../../common/errors';
import type { LoadedJob } from '../../job/loaded-job';
import type { CheckpointTrigger } from '../../proto/messages';
import { BarrierAligner, type CheckpointingMode } from './checkpoint/barrier-aligner';
import { TaskCheckpointer, type CheckpointReporter, type CheckpointRequest } from './checkpoint/task-checkpointer';
import { loadRestoredState, type RestoredTaskState } from './checkpoint/task-state-restorer';
import type { TaskStateSnapshot } from '../../common/checkpoint/task-state-snapshot';
import { createOperatorContext } from './operator-context-factory';
import { createRecordWriters, addInputChannels, type TaskLocation } from './task-io-wiring';
import { snapshotTaskState } from './checkpoint/task-snapshot';
import type { EnumeratorToReaderEvent, ReaderToEnumeratorEventInput, TaskRef } from '../../proto/messages';
import { isSourceApiKind, type SourceBinding } from '../../api/transformation';
import type { SourceSplit } from '../../api/connector/source';
import type { TimestampsConfig } from '../operators/timestamps-and-watermarks-operator';
import { SourceReaderDriver, type CoordinatorEvent } from './source/source-reader-driver';
import { encodeValue } from '../../common/record-codec';

/** Records a source emits per poll, and input messages a task handles per event-loop turn. */
const SOURCE_BATCH = 1024;
const MESSAGES_PER_TURN = 16;
/**
 * A slot's tasks share one thread: no turn may hold it for long, or the others (a source
 * chained before a slow operator's neighbour, barriers, credit) starve in bursts. A batch
 * that runs over the budget is resumed in the next turn.
 */
const TURN_BUDGET_MS = 5;
/** Records delivered between two reads of the clock. */
const RECORDS_PER_CLOCK_CHECK = 16;

/** A batch whose delivery ran over the turn budget, resumed at `next`. */
interface PendingDelivery {
  head: Output;
  records: unknown[];
  timestamps: number[] | undefined;
  next: number;
}

export type { TaskLocation } from './task-io-wiring';

/** Sends a source reader's event to its split enumerator in the JobManager. */
export type CoordinatorGateway = (event: ReaderToEnumeratorEventInput & { task: TaskRef }) => void;

/** What a source task handles in order between two polls: enumerator events and checkpoint triggers. */
type MailboxItem = { kind: 'event'; event: EnumeratorToReaderEvent } | { kind: 'trigger'; trigger: CheckpointTrigger };

/** `cause`: with FAILED, the error itself (the worker turns it into structured TaskError data). */
export type TaskStateListener = (state: RuntimeTaskState, error?: string, endOfData?: boolean, cause?: unknown) => void;

/**
 * One subtask: an operator chain fed by a source reader or an input gate, ending in record
 * writers. It runs cooperatively on its slot's event loop: a turn handles a bounded amount
 * of input, stops when its outputs have no credit (back-pressure), and is scheduled again
 * by input arrival, regained credit or a source's wakeup.
 */
export class StreamTask {
  readonly name: string;
  readonly metrics: TaskIoMetrics = newTaskIoMetrics();
  private readonly lifecycle;
  private readonly vertex: JobVertex;
  private operators: StreamOperator[] = [];
  private head: Output = DISCARDING_OUTPUT;
  /** Where records of edges with targetInput 1 go (two-input operators' second input). */
  private input2: Output = DISCARDING_OUTPUT;
  /** Event time: the chain's record-timestamp register, the input watermark merger, timers. */
  private readonly timestamps = new TimestampRegister();
  private valve: WatermarkValve | undefined;
  private readonly timeService = new SystemProcessingTimeService((err) => this.fail(err));
  private reader: SourceReader | undefined;
  /** A Source API source (its reader, fed by the enumerator's events). */
  private driver: SourceReaderDriver | undefined;
  private mailbox: MailboxItem[] = [];
  private writers: RecordWriter[] = [];
  private readonly gate = new InputGate();
  private scheduled = false;
  private finishing = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** Buffer timeout 0: outputs flush at the end of every turn instead of on a timer. */
  private flushEveryTurn = false;
  private backpressuredSince = 0;
  private pendingDelivery: PendingDelivery | undefined;
  private readonly runTurn: () => void;
  /** Keyed state backends by operator uid, created by keyed operators on open. */
  private readonly keyedBackends = new Map<string, KeyedStateBackend>();
  // ---- checkpointing
  private readonly checkpointingMode: CheckpointingMode | undefined;
  private readonly checkpointer: TaskCheckpointer;
  private aligner: BarrierAligner | undefined;
  private restored: RestoredTaskState | undefined;
  /** A source's trigger, taken at the start of its next turn (between two polls). */
  private pendingTrigger: CheckpointTrigger | undefined;
  /** All input processed and flushed downstream; waiting for a final checkpoint to commit. */
  private endOfData = false;
  /** The job's final checkpoint (all input ended everywhere): its completion finishes the task. */
  private finalCheckpointId = -1;
  /** Stop-with-savepoint in progress: nothing is processed until it completes (finish) or aborts (resume). */
  private stopCheckpointId = -1;

  constructor(
    readonly descriptor: TaskDeploymentDescriptor,
    private readonly job: LoadedJob,
    private readonly network: NetworkEnvironment,
    private readonly location: TaskLocation,
    private readonly onState: TaskStateListener,
    reporter: CheckpointReporter,
    private readonly coordinator: CoordinatorGateway = () => {},
  ) {
    const vertex = job.graph.vertices.find((v) => v.id === descriptor.vertexId);
    if (!vertex) throw new Error(`vertex ${descriptor.vertexId} is not in job ${descriptor.jobId}`);
    this.vertex = vertex;
    this.name = `${vertex.name} (${descriptor.subtask + 1}/${descriptor.parallelism})#${descriptor.attempt}`;
    this.lifecycle = newTaskStateMachine(`task ${this.name}`);
    this.runTurn = () => this.turn();
    this.checkpointingMode = job.config.checkpoint?.mode;
    this.checkpointer = new TaskCheckpointer(descriptor, reporter);
  }

  get state(): RuntimeTaskState {
    return this.lifecycle.state;
  }

  get key(): string {
    const d = this.descriptor;
    return `${d.jobId}/${d.attempt}/${d.vertexId}/${d.subtask}`;
  }

  /** Sets up channels and operators, then starts processing. Never throws: failures fail the task. */
  async start(): Promise<void> {
    this.onState('DEPLOYING');
    try {
      const restores = this.descriptor.restores ?? [];
      if (restores.length > 0) this.restored = await loadRestoredState(restores, this.descriptor.subtask, this.descriptor.parallelism, this.vertex.maxParallelism);
      this.setUpOutputs();
      this.setUpOperators();
      this.setUpInputs();
      const chainStart = this.reader || this.driver ? 1 : 0;
      for (let i = this.operators.length - 1; i >= 0; i--) await this.operators[i].open(this.operatorContext(this.vertex.operators[i + chainStart]));
      if (this.reader) await this.reader.open(this.operatorContext(this.vertex.operators[0]), () => this.schedule());
      if (this.driver) await this.driver.open(this.restored?.list.get(this.vertex.operators[0].uid)?.splits as SourceSplit[] | undefined);
      if (this.state !== 'DEPLOYING') return; // cancelled while opening
      this.lifecycle.transition('RUNNING');
      this.onState('RUNNING');
      const timeout = this.job.config.bufferTimeoutMs;
      // 0: every turn ends with a flush (Flink flushes per record; a turn is our batch).
      if (timeout > 0) this.flushTimer = setInterval(() => this.flushOutputs(), timeout);
      else this.flushEveryTurn = true;
      this.schedule();
    } catch (err) {
      this.fail(err);
    }
  }

  cancel(): void {
    if (!this.lifecycle.tryTransition('CANCELING')) return;
    this.cleanUp()
      .catch(() => {})
      .finally(() => {
        if (this.lifecycle.tryTransition('CANCELED')) this.onState('CANCELED');
      });
  }

  // ------------------------------------------------------------------ setup

  private operatorContext(op: OperatorDescriptor): OperatorContext {
    return createOperatorContext(op, {
      descriptor: this.descriptor,
      maxParallelism: this.vertex.maxParallelism,
      job: this.job,
      keyedBackends: this.keyedBackends,
      restored: this.restored,
      timestamps: this.timestamps,
      processingTimeService: this.timeService,
    });
  }

  private setUpOutputs(): void {
    this.writers = createRecordWriters(this.descriptor, this.job, this.network, this.location, this.metrics);
    for (const writer of this.writers) {
      writer.timestamps = this.timestamps;
      writer.onWritable(() => this.schedule());
      writer.onError((err) => this.fail(err));
    }
  }

  private setUpOperators(): void {
    const ops = this.vertex.operators;
    let chainStart = 0;
    if (isSourceApiKind(ops[0].kind)) {
      this.driver = this.createDriver(ops[0]);
      chainStart = 1;
    } else if (ops[0].kind.startsWith('source.')) {
      this.reader = createSourceReader(ops[0], this.job.userFunction(ops[0].id));
      chainStart = 1;
    }
    const env = { checkpointing: this.checkpointingMode !== undefined };
    this.operators = ops.slice(chainStart).map((op) => createOperator(op, this.job.userFunction(op.id), env));
    // A source chain that generates watermarks reports the ones it emits as its vertex's watermark.
    const isSource = this.reader !== undefined || this.driver !== undefined;
    const trackWatermarks = isSource && (ops.some((op) => op.kind === 'timestamps') || JSON.parse(ops[0].configJson || '{}').watermarks !== undefined);
    const tail = createChainTail(this.writers, this.descriptor.outputs.map((o) => o.sideOutputTag ?? ''), trackWatermarks ? (ts) => (this.metrics.currentWatermark = ts) : undefined);
    for (let i = 0; i < this.operators.length; i++) this.operators[i].output = i + 1 < this.operators.length ? this.operators[i + 1] : tail;
    this.head = this.operators.length > 0 ? this.operators[0] : tail;
    this.input2 = this.operators[0]?.input2 ?? this.head;
  }

  private createDriver(op: OperatorDescriptor): SourceReaderDriver {
    const d = this.descriptor;
    const config = JSON.parse(op.configJson || '{}') as { watermarks?: TimestampsConfig };
    const task = { jobId: d.jobId, attempt: d.attempt, vertexId: d.vertexId, subtask: d.subtask };
    return new SourceReaderDriver(this.job.userFunction(op.id) as SourceBinding, config.watermarks, this.countingHead, this.timestamps, this.timeService, {
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

  /** An event from this source's split enumerator: handled in order with checkpoint triggers. */
  handleOperatorEvent(event: EnumeratorToReaderEvent): void {
    if (!this.driver || this.endOfData) return;
    this.mailbox.push({ kind: 'event', event });
    this.schedule();
  }

  private setUpInputs(): void {
    addInputChannels(this.gate, this.descriptor, this.network);
    this.gate.onAvailable(() => this.schedule());
    this.gate.onError((err) => this.fail(err));
    if (this.gate.size > 0) {
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
    }
    if (this.gate.size > 0) {
      // Always aligned: savepoints need barriers even when periodic checkpointing is off.
      this.aligner = new BarrierAligner(this.gate.size, this.checkpointingMode ?? 'exactly-once', {
        blockChannel: (c) => this.gate.block(c),
        unblockAll: () => {
          this.gate.unblockAll();
          this.schedule();
        },
        alignmentComplete: (checkpointId, timestamp, alignmentMs, location, stop) =>
          this.checkpoint({ checkpointId, timestamp, location, isSavepoint: stop, alignmentMs, stop }, true),
        abandoned: (checkpointId, reason) => this.checkpointer.decline(checkpointId, reason),
      });
    }
  }

  // ------------------------------------------------------------------ processing

  private schedule(): void {
    if (this.scheduled || this.state !== 'RUNNING' || this.finishing) return;
    this.scheduled = true;
    setImmediate(this.runTurn);
  }

  private outputsWritable(): boolean {
    for (let i = 0; i < this.writers.length; i++) if (!this.writers[i].isWritable()) return false;
    return true;
  }

  private turn(): void {
    this.scheduled = false;
    if (this.state !== 'RUNNING' || this.finishing || this.stopCheckpointId >= 0) return;
    this.metrics.enter(TaskActivity.BUSY);
    this.backpressuredSince = 0;
    try {
      if (this.driver) this.sourceApiTurn();
      else if (this.reader) this.sourceTurn();
      else this.inputTurn();
    } catch (err) {
      this.fail(err);
    }
    if (this.flushEveryTurn) this.flushOutputs();
    // Until the next turn: back-pressured when a turn stopped for want of output credit.
    this.metrics.enter(this.backpressuredSince > 0 ? TaskActivity.BACKPRESSURED : TaskActivity.IDLE);
  }

  private sourceTurn(): void {
    const trigger = this.pendingTrigger;
    if (trigger) {
      this.pendingTrigger = undefined;
      // --drain: event time runs to the end first, so every window and timer fires before the savepoint.
      if (trigger.stop && trigger.drain) this.head.emitWatermark(Number.MAX_SAFE_INTEGER);
      this.checkpoint(requestOf(trigger), true);
      if (trigger.stop) return;
    }
    const deadline = performance.now() + TURN_BUDGET_MS;
    for (let i = 0; i < MESSAGES_PER_TURN && performance.now() < deadline; i++) {
      if (!this.outputsWritable()) {
        this.backpressuredSince = Date.now();
        return; // onWritable reschedules
      }
      const result: PollResult = this.reader!.pollNext(this.countingHead, SOURCE_BATCH);
      if (result === 'end') {
        // End of input is the end of event time: every window and timer downstream fires.
        this.head.emitWatermark(MAX_WATERMARK);
        void this.finish();
        return;
      }
      if (result === 'wait') return; // the reader's wakeup reschedules
    }
    this.schedule();
  }

  private sourceApiTurn(): void {
    const driver = this.driver!;
    // The mailbox first, in arrival order: a split assigned before a trigger is in its snapshot.
    while (this.mailbox.length > 0) {
      const item = this.mailbox.shift()!;
      if (item.kind === 'event') driver.handleEvent(item.event);
      else {
        const trigger = item.trigger;
        if (trigger.stop && trigger.drain) driver.drainEventTime();
        this.checkpoint(requestOf(trigger), true);
        if (trigger.stop) return;
      }
    }
    for (let i = 0; i < MESSAGES_PER_TURN; i++) {
      if (!this.outputsWritable()) {
        this.backpressuredSince = Date.now();
        return; // onWritable reschedules
      }
      const status = driver.poll();
      if (status === 'end') {
        void this.finish();
        return;
      }
      if (status === 'wait') return; // the reader's availability or a mailbox item reschedules
    }
    this.schedule();
  }

  /** Sources count what they emit as records in, so a vertex's in/out are comparable. */
  private readonly countingHead: Output = {
    collect: (record: unknown) => {
      this.metrics.recordsIn++;
      this.head.collect(record);
    },
    emitWatermark: (timestamp: number) => this.head.emitWatermark(timestamp),
  };

  private inputTurn(): void {
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
      if (this.stopCheckpointId >= 0) return; // stop-with-savepoint: nothing after its barrier
      if (this.gate.isFinished()) {
        void this.finish();
        return;
      }
      if (performance.now() > deadline) break;
    }
    this.schedule();
  }

  private handle(msg: ChannelMessage, deadline: number): void {
    const head = this.gate.lastInputIndex === 0 ? this.head : this.input2;
    switch (msg.kind) {
      case 'records': {
        this.deliver(head, msg.records, msg.timestamps, 0, deadline);
        return;
      }
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

  private flushOutputs(): void {
    if (this.state !== 'RUNNING') return;
    try {
      for (const op of this.operators) op.flush?.();
      for (const w of this.writers) w.flushAll();
    } catch (err) {
      this.fail(err);
    }
  }

  // ------------------------------------------------------------------ checkpoints

  /** From the coordinator: sources inject the barrier; tasks past end of data snapshot at once. */
  triggerCheckpoint(trigger: CheckpointTrigger): void {
    if (this.state !== 'RUNNING') {
      this.checkpointer.decline(trigger.checkpointId, `${this.name} is ${this.state}`);
      return;
    }
    if (this.endOfData) {
      if (trigger.finalCheckpoint || trigger.stop) this.finalCheckpointId = trigger.checkpointId;
      this.checkpoint(requestOf(trigger), false);
      return;
    }
    if (this.driver) {
      this.mailbox.push({ kind: 'trigger', trigger });
      this.schedule();
    } else if (this.reader) {
      // Taken between two polls of the source (or when the task reaches end of data).
      this.pendingTrigger = trigger;
      this.schedule();
    }
    // Other tasks receive the checkpoint through barriers on their inputs.
  }

  /** The checkpoint completed everywhere (sinks commit) or was aborted. In order, one at a time. */
  notifyCheckpoint(checkpointId: number, aborted: boolean): void {
    this.notifications = this.notifications.then(async () => {
      if (this.state !== 'RUNNING') return;
      if (aborted) {
        if (checkpointId === this.stopCheckpointId) {
          // The stop-with-savepoint failed: the job goes on.
          this.stopCheckpointId = -1;
          this.schedule();
        }
        return;
      }
      try {
        await this.driver?.notifyCheckpointComplete(checkpointId);
        for (const op of this.operators) await op.notifyCheckpointComplete?.(checkpointId);
      } catch (err) {
        this.fail(err);
        return;
      }
      const final = this.endOfData && this.finalCheckpointId >= 0 && checkpointId >= this.finalCheckpointId;
      if (final || checkpointId === this.stopCheckpointId) await this.finishNow();
    });
  }

  private notifications: Promise<void> = Promise.resolve();

  private checkpoint(request: CheckpointRequest, sendBarrier: boolean): void {
    if (request.stop) this.stopCheckpointId = request.checkpointId;
    const emit = sendBarrier && !this.endOfData ? (event: ChannelEvent) => this.broadcastToOutputs(event) : undefined;
    this.checkpointer.perform(request, () => this.snapshotState(request.checkpointId), emit);
  }

  private broadcastToOutputs(event: ChannelEvent): void {
    for (const w of this.writers) w.broadcastEvent(event);
  }

  /** The synchronous part: every operator's state of this subtask, by uid. */
  private snapshotState(checkpointId: number): TaskStateSnapshot {
    return snapshotTaskState(this.descriptor, this.vertex, this.driver ?? this.reader, this.operators, this.keyedBackends, checkpointId);
  }

  // ------------------------------------------------------------------ endings

  /** End of input: operators emit what they hold, downstream gets end-of-partition, then FINISHED. */
  private async finish(): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    try {
      for (const op of this.operators) await op.endInput();
      // Operators fired their pending timers in endInput: no callback may run after it.
      this.timeService.quiesce();
      for (const w of this.writers) w.broadcastEvent({ type: 'end-of-partition' });
      await this.drainOutputs();
      if (this.state !== 'RUNNING') return;
      if (this.checkpointingMode) {
        // Exactly-once sinks commit on checkpoint completion: wait for a final checkpoint.
        this.endOfData = true;
        this.onState('RUNNING', undefined, true);
        const trigger = this.pendingTrigger ?? this.takeMailboxTrigger();
        this.pendingTrigger = undefined;
        if (trigger) {
          if (trigger.finalCheckpoint || trigger.stop) this.finalCheckpointId = trigger.checkpointId;
          this.checkpoint(requestOf(trigger), false);
        }
        return;
      }
      await this.finishNow();
    } catch (err) {
      this.fail(err);
    }
  }

  /** At end of data the mailbox's events no longer matter; a trigger in it is taken at once. */
  private takeMailboxTrigger(): CheckpointTrigger | undefined {
    const trigger = this.mailbox.find((m) => m.kind === 'trigger');
    this.mailbox = [];
    return trigger?.kind === 'trigger' ? trigger.trigger : undefined;
  }

  private async finishNow(): Promise<void> {
    try {
      await this.cleanUp();
      if (this.lifecycle.tryTransition('FINISHED')) this.onState('FINISHED');
    } catch (err) {
      this.fail(err);
    }
  }

  /** Waits until every buffer, end-of-partition included, has left for its consumer. */
  private drainOutputs(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.state !== 'RUNNING' || this.writers.every((w) => w.backlog === 0)) {
          clearInterval(timer);
          resolve();
        }
      };
      const timer = setInterval(check, 5);
      check();
    });
  }

  private fail(err: unknown): void {
    if (this.state === 'FINISHED' || this.state === 'CANCELED' || this.state === 'FAILED') return;
    const message = `${this.name}: ${errorMessage(err)}`;
    this.lifecycle.transition('FAILED');
    this.cleanUp().catch(() => {});
    this.onState('FAILED', message, false, err);
  }

  private async cleanUp(): Promise<void> {
    this.timeService.quiesce();
    if (this.flushTimer) clearInterval(this.flushTimer);
    this.flushTimer = undefined;
    try {
      this.reader?.close();
      await this.driver?.close();
    } catch {
      /* closing a broken source must not mask the original failure */
    }
    for (const op of this.operators) {
      try {
        await op.close();
      } catch {
        /* idem */
      }
    }
    for (const w of this.writers) w.close();
    this.gate.close();
  }
}

function requestOf(trigger: CheckpointTrigger): CheckpointRequest {
  return { checkpointId: trigger.checkpointId, timestamp: trigger.timestamp, location: trigger.location, isSavepoint: trigger.isSavepoint, alignmentMs: 0, stop: trigger.stop ?? false };
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
