import type { TaskDeploymentDescriptor, JobVertex, OperatorDescriptor, CheckpointTrigger } from '../../proto/messages';
import { namedFrame, taskFrameName } from '../../common/task-frame';
import type { KeyedStateBackend } from '../state/keyed-state-backend';
import type { NetworkEnvironment, ChannelEvent } from '../network/channel-types';
import { DISCARDING_OUTPUT, type Output, type OperatorContext, type StreamOperator } from '../operators/operator';
import { createOperator } from '../operators/operator-factory';
import type { RecordWriter } from './record-writer';
import { newTaskStateMachine, type RuntimeTaskState } from './task-state-machine';
import { newTaskIoMetrics, TaskActivity, type TaskIoMetrics } from './task-metrics';
import { SystemProcessingTimeService } from './timer-service-processing-time';
import { BufferTimeoutFlusher } from './buffer-timeout-flusher';
import { TimestampRegister } from '../operators/record-timestamp';
import { wireChain } from '../operators/chain-tail-output';
import { errorMessage } from '../../common/errors';
import type { LoadedJob } from '../../job/loaded-job';
import type { CheckpointingMode } from './checkpoint/barrier-aligner';
import { TaskCheckpointer, type CheckpointReporter, type CheckpointRequest } from './checkpoint/task-checkpointer';
import { TaskCheckpointProtocol, type ProtocolTrigger } from './checkpoint/task-checkpoint-protocol';
import { loadRestoredState, type RestoredTaskState } from './checkpoint/task-state-restorer';
import { createOperatorContext } from './operator-context-factory';
import { createRecordWriters, type TaskLocation } from './task-io-wiring';
import { snapshotTaskState, type EncodedTaskState } from './checkpoint/task-snapshot';
import { testFaultPoint } from '../../common/test-fault-hook';

/**
 * A slot's tasks share one thread: no turn may hold it for long, or the others (a source
 * chained before a slow operator's neighbour, barriers, credit) starve in bursts. A batch
 * that runs over the budget is resumed in the next turn.
 */
export const TURN_BUDGET_MS = 5;
/** Polls of a source, or input messages, a task handles per event-loop turn at most. */
export const MESSAGES_PER_TURN = 16;

export type { TaskLocation } from './task-io-wiring';

/** `cause`: with FAILED, the error itself (the worker turns it into structured TaskError data). */
export type TaskStateListener = (state: RuntimeTaskState, error?: string, endOfData?: boolean, cause?: unknown) => void;

/**
 * One subtask: an operator chain fed by a source (SourceStreamTask) or by input channels
 * (InputStreamTask), ending in record writers. It runs cooperatively on its slot's event loop:
 * a turn handles a bounded amount of input, stops when its outputs have no credit
 * (back-pressure), and is scheduled again by input arrival, regained credit or a source's
 * wakeup. This base holds what both kinds share: the lifecycle, the chain, the outputs, and
 * the task side of checkpointing, whose protocol (trigger, barrier, end of input, final
 * checkpoint, stop-with-savepoint) is the TaskCheckpointProtocol state machine.
 */
export abstract class StreamTask {
  readonly name: string;
  readonly metrics: TaskIoMetrics = newTaskIoMetrics();
  protected readonly lifecycle;
  protected readonly vertex: JobVertex;
  protected operators: StreamOperator[] = [];
  protected head: Output = DISCARDING_OUTPUT;
  /** Where records of edges with targetInput 1 go (two-input operators' second input). */
  protected input2: Output = DISCARDING_OUTPUT;
  /** Event time: the chain's record-timestamp register and the task's clock and timers. */
  protected readonly timestamps = new TimestampRegister();
  protected readonly timeService = new SystemProcessingTimeService((err) => this.fail(err));
  protected writers: RecordWriter[] = [];
  /** Set when a turn stopped for want of output credit. */
  protected backpressuredSince = 0;
  protected restored: RestoredTaskState | undefined;
  protected readonly checkpointingMode: CheckpointingMode | undefined;
  protected readonly checkpointer: TaskCheckpointer;
  protected readonly protocol: TaskCheckpointProtocol;
  /** Keyed state backends by operator uid, created by keyed operators on open. */
  private readonly keyedBackends = new Map<string, KeyedStateBackend>();
  private scheduled = false;
  /** End of input is being processed (operators end, buffers drain): no more turns. */
  private ending = false;
  /**
   * Buffer timeout 0: outputs flush at the end of every turn instead of on a timer, and output
   * made between turns (a processing-time timer's) right after (`flushSoon`).
   */
  private flushEveryTurn = false;
  private inTurn = false;
  private flushSoonPending = false;
  private readonly flushSoonBound = (): void => {
    this.flushSoonPending = false;
    this.flushOutputs();
  };
  /** Buffer timeout above 0: armed by buffered output, checked at the end of every turn too. */
  private flusher: BufferTimeoutFlusher | undefined;
  /** An operator of the chain holds output of its own until flush() (e.g. print's lines). */
  private chainHoldsOutput = false;
  private readonly runTurn: () => void;
  private notifications: Promise<void> = Promise.resolve();

  constructor(
    readonly descriptor: TaskDeploymentDescriptor,
    protected readonly job: LoadedJob,
    protected readonly network: NetworkEnvironment,
    protected readonly location: TaskLocation,
    private readonly onState: TaskStateListener,
    reporter: CheckpointReporter,
    isSource: boolean,
  ) {
    const vertex = job.graph.vertices.find((v) => v.id === descriptor.vertexId);
    if (!vertex) throw new Error(`vertex ${descriptor.vertexId} is not in job ${descriptor.jobId}`);
    this.vertex = vertex;
    this.name = `${vertex.name} (${descriptor.subtask + 1}/${descriptor.parallelism})#${descriptor.attempt}`;
    this.lifecycle = newTaskStateMachine(`task ${this.name}`);
    this.runTurn = namedFrame(taskFrameName(vertex.id, descriptor.subtask), () => this.turn()); // its own frame in the slot's CPU profiles
    this.checkpointingMode = job.config.checkpoint?.mode;
    this.checkpointer = new TaskCheckpointer(descriptor, reporter, (err) => this.fail(err));
    this.protocol = new TaskCheckpointProtocol(this.name, isSource, this.checkpointingMode !== undefined, {
      snapshot: (request, sendBarrier) => this.takeSnapshot(request, sendBarrier),
      decline: (checkpointId, reason) => this.checkpointer.decline(checkpointId, `${this.name}: ${reason}`),
      enqueueTrigger: (request) => this.enqueueTrigger(request),
      reportEndOfData: () => this.onState('RUNNING', undefined, true),
      resume: () => this.schedule(),
      finish: () => void this.finishNow(),
    });
  }

  get state(): RuntimeTaskState {
    return this.lifecycle.state;
  }

  get key(): string {
    const d = this.descriptor;
    return `${d.jobId}/${d.attempt}/${d.vertexId}/${d.subtask}`;
  }

  /** Sets up outputs, chain and input, then starts processing. Never throws: failures fail the task. */
  async start(): Promise<void> {
    this.onState('DEPLOYING');
    try {
      const restores = this.descriptor.restores ?? [];
      if (restores.length > 0) this.restored = await loadRestoredState(restores, this.descriptor.subtask, this.descriptor.parallelism, this.vertex.maxParallelism);
      this.setUpOutputs();
      this.setUpChain();
      this.setUpInput();
      const chainStart = this.chainStart;
      for (let i = this.operators.length - 1; i >= 0; i--) await this.operators[i].open(this.operatorContext(this.vertex.operators[i + chainStart]));
      await this.openInput();
      if (this.state !== 'DEPLOYING') return; // cancelled while opening
      this.lifecycle.transition('RUNNING');
      this.onState('RUNNING');
      // Output buffered while opening, whose timer may have fired before RUNNING (and flushed nothing).
      if (this.writers.some((w) => w.bufferedRecords > 0)) this.flusher?.arm();
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

  /** An event from a source's split enumerator (only source tasks have one). */
  handleOperatorEvent(_event: unknown): void {}

  // ------------------------------------------------------------------ what the two kinds add

  /** Index of the chain's first operator in the vertex (1 when operator 0 is the source). */
  protected abstract get chainStart(): number;
  /** Creates the source, or the input gate with its valve and aligner. */
  protected abstract setUpInput(): void;
  protected abstract openInput(): Promise<void>;
  /** One bounded amount of work; reschedules itself if more is there. */
  protected abstract processTurn(): void;
  /** A source task queues the trigger in its mailbox. */
  protected abstract enqueueTrigger(request: ProtocolTrigger): void;
  /** The source's position (its splits), when the task has one. */
  protected abstract sourceState(): { snapshotState?(checkpointId: number): unknown[] } | undefined;
  /** Sources commit with the checkpoint too (e.g. offsets for monitoring). */
  protected abstract notifySourceComplete(checkpointId: number): Promise<void>;
  protected abstract closeInput(): Promise<void>;
  /** Whether a source chain reports the watermarks it emits as its vertex's watermark. */
  protected abstract get reportsChainWatermark(): boolean;

  // ------------------------------------------------------------------ setup

  protected operatorContext(op: OperatorDescriptor): OperatorContext {
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
    const timeout = this.job.config.bufferTimeoutMs;
    // 0: every turn ends with a flush (Flink flushes per record; a turn is our batch).
    if (timeout > 0) this.flusher = new BufferTimeoutFlusher(timeout, this.timeService, () => this.flushOutputs());
    else this.flushEveryTurn = true;
    const flusher = this.flusher;
    const onBuffered = flusher !== undefined ? () => flusher.arm() : () => this.flushSoon();
    for (const writer of this.writers) {
      writer.onBuffered = onBuffered;
      writer.timestamps = this.timestamps;
      writer.onWritable(() => this.schedule());
      writer.onError((err) => this.fail(err));
    }
  }

  private setUpChain(): void {
    const ops = this.vertex.operators.slice(this.chainStart);
    const env = { checkpointing: this.checkpointingMode !== undefined };
    this.operators = ops.map((op) => createOperator(op, this.job.userFunction(op.id), env));
    this.chainHoldsOutput = this.operators.some((op) => op.flush !== undefined);
    const onWatermark = this.reportsChainWatermark ? (ts: number) => (this.metrics.currentWatermark = ts) : undefined;
    const edges = new Map(this.job.graph.edges.map((e) => [e.id, e]));
    const outputs = this.descriptor.outputs.map((o) => ({ sourceOperatorId: edges.get(o.edgeId)?.sourceOperatorId, sideOutputTag: o.sideOutputTag ?? '' }));
    const chained = [...new Array<undefined>(this.chainStart), ...this.operators];
    const operatorOutputs = wireChain({ operators: this.vertex.operators, outputs }, chained, this.writers, onWatermark);
    for (let i = 0; i < this.operators.length; i++) this.operators[i].output = operatorOutputs[i + this.chainStart];
    // A source feeds its chained consumers; an input task's head is its first operator.
    this.head = this.chainStart > 0 ? operatorOutputs[0] : this.operators[0];
    this.input2 = this.operators[0]?.input2 ?? this.head;
  }

  // ------------------------------------------------------------------ processing

  protected schedule(): void {
    if (this.scheduled || this.state !== 'RUNNING' || this.ending) return;
    this.scheduled = true;
    setImmediate(this.runTurn);
  }

  protected outputsWritable(): boolean {
    for (let i = 0; i < this.writers.length; i++) if (!this.writers[i].isWritable()) return false;
    return true;
  }

  /** Timeout 0, output buffered: a turn flushes at its end; outside one, flush once the callback returns. */
  private flushSoon(): void {
    if (this.inTurn || this.flushSoonPending) return;
    this.flushSoonPending = true;
    setImmediate(this.flushSoonBound);
  }

  private turn(): void {
    this.scheduled = false;
    if (this.state !== 'RUNNING' || this.ending || !this.protocol.canProcess) return;
    this.metrics.enter(TaskActivity.BUSY);
    this.backpressuredSince = 0;
    this.inTurn = true;
    try {
      this.processTurn();
    } catch (err) {
      this.fail(err);
    }
    this.inTurn = false;
    if (this.flushEveryTurn) this.flushOutputs();
    else if (this.flusher !== undefined) {
      if (this.chainHoldsOutput) this.flusher.arm();
      this.flusher.flushIfDue();
    }
    // Until the next turn: back-pressured when a turn stopped for want of output credit.
    this.metrics.enter(this.backpressuredSince > 0 ? TaskActivity.BACKPRESSURED : TaskActivity.IDLE);
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

  /** From the coordinator: sources take it between two polls; tasks past end of data at once. */
  triggerCheckpoint(trigger: CheckpointTrigger): void {
    if (this.state !== 'RUNNING') {
      this.checkpointer.decline(trigger.checkpointId, `${this.name} is ${this.state}`);
      return;
    }
    this.protocol.onTrigger(protocolTrigger(trigger));
  }

  /** The checkpoint completed everywhere (sinks commit) or was aborted. In order, one at a time. */
  notifyCheckpoint(checkpointId: number, aborted: boolean): void {
    this.notifications = this.notifications.then(async () => {
      if (this.state !== 'RUNNING') return;
      if (aborted) {
        this.protocol.onCheckpointAborted(checkpointId);
        return;
      }
      try {
        await this.notifySourceComplete(checkpointId);
        for (const op of this.operators) await op.notifyCheckpointComplete?.(checkpointId);
      } catch (err) {
        this.fail(err);
        return;
      }
      // Tests: a task downstream of the sources dies after committing a stop-with-savepoint,
      // before finishing (the savepoint must be what the restart restores, or it replays).
      if (this.protocol.isStoppingOn(checkpointId) && !this.protocol.isSource) testFaultPoint('stopping-task-after-commit', checkpointId);
      this.protocol.onCheckpointComplete(checkpointId);
    });
  }

  private takeSnapshot(request: CheckpointRequest, sendBarrier: boolean): void {
    const emit = sendBarrier ? (event: ChannelEvent) => this.broadcastToOutputs(event) : undefined;
    this.checkpointer.perform(request, (reuse) => this.snapshotState(request.checkpointId, reuse), emit, () => this.pinnedBuffers());
  }

  private broadcastToOutputs(event: ChannelEvent): void {
    for (const w of this.writers) w.broadcastEvent(event);
  }

  /** Buffers the keyed backends copy unchanged entries from: the next snapshot is not written into them. */
  private pinnedBuffers(): readonly Buffer[] {
    if (this.keyedBackends.size === 0) return [];
    const pinned: Buffer[] = [];
    for (const b of this.keyedBackends.values()) pinned.push(...b.pinnedBuffers);
    return pinned;
  }

  /** The synchronous part: the source's splits and every operator's state of this subtask, by uid. */
  private snapshotState(checkpointId: number, reuse: Buffer[] | undefined): EncodedTaskState | Promise<EncodedTaskState> {
    return snapshotTaskState(this.descriptor, this.vertex, this.sourceState(), this.chainStart, this.operators, this.keyedBackends, checkpointId, reuse);
  }

  // ------------------------------------------------------------------ endings

  /** End of input: operators emit what they hold, downstream gets end-of-partition, then the protocol decides. */
  protected async endOfInput(): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    try {
      for (const op of this.operators) await op.endInput();
      // Operators fired their pending timers in endInput: no callback may run after it.
      this.timeService.quiesce();
      for (const w of this.writers) w.broadcastEvent({ type: 'end-of-partition' });
      await this.drainOutputs();
      if (this.state !== 'RUNNING') return;
      // With checkpointing, exactly-once sinks commit on a final checkpoint: the task waits for it.
      this.protocol.onEndOfInput();
      this.afterEndOfInput();
    } catch (err) {
      this.fail(err);
    }
  }

  /** Past end of data: a source hands the triggers still in its mailbox to the protocol. */
  protected afterEndOfInput(): void {}

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

  protected fail(err: unknown): void {
    if (this.state === 'FINISHED' || this.state === 'CANCELED' || this.state === 'FAILED') return;
    const message = `${this.name}: ${errorMessage(err)}`;
    this.lifecycle.transition('FAILED');
    this.cleanUp().catch(() => {});
    this.onState('FAILED', message, false, err);
  }

  private async cleanUp(): Promise<void> {
    this.timeService.quiesce(); // the buffer timeout's timer too
    for (const backend of this.keyedBackends.values()) backend.abandonSnapshot();
    try {
      await this.closeInput();
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
  }
}

export function protocolTrigger(trigger: CheckpointTrigger): ProtocolTrigger {
  return {
    checkpointId: trigger.checkpointId,
    timestamp: trigger.timestamp,
    location: trigger.location,
    isSavepoint: trigger.isSavepoint,
    alignmentMs: 0,
    stop: trigger.stop ?? false,
    finalCheckpoint: trigger.finalCheckpoint ?? false,
    drain: trigger.drain ?? false,
  };
}
